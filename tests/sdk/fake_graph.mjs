// What the Node test files share: where the built server is, and starting `facebook-mcp fake-graph` on 127.0.0.1.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The facebook-mcp binary: MCP_SERVER_BIN (ctest sets it), else the default build directory. */
export const BIN = process.env.MCP_SERVER_BIN
  ? path.resolve(process.env.MCP_SERVER_BIN)
  : path.resolve(HERE, "../../build/facebook-mcp");

/**
 * Starts fake-graph on a free loopback port with the fixed fake clock; resolves to {url, process} once it prints
 * its "listening on" line. The caller stops it with process.kill().
 */
export async function startFakeGraph(env = {}) {
  const child = spawn(BIN, ["fake-graph", "--port", "0"], {
    env: { ...process.env, FACEBOOK_FAKE_CLOCK: "2026-11-23T12:00:00+0000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error("fake-graph did not start")), 10_000);
      child.stdout.on("data", (d) => {
        out += d.toString();
        const line = out.match(/listening on (http:\/\/127\.0\.0\.1:[0-9]+)/);
        if (line) {
          clearTimeout(timer);
          resolve(line[1]);
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`fake-graph exited with ${code}`));
      });
    });
    return { url, process: child };
  } catch (e) {
    child.kill();
    throw e;
  }
}
