// Wires nothing itself: the app library holds the commands (DESIGN §1: main only wires objects together).
#include "app/cli.hpp"

int main(int argc, char** argv) { return fbmcp::app::run(argc, argv); }
