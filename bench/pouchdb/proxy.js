// A counting TCP proxy for the side-by-side bench, used alike for FieldApp and PouchDB:
// every byte each way is counted as it crosses (headers included), and every HTTP
// request by its request line. A separate process, so it takes no time from either
// client. Usage: node proxy.js LISTEN_PORT TARGET_PORT; write "stats\n" on stdin to
// get {"requests", "up", "down"} as one JSON line on stdout.
"use strict";
const net = require("net");
const readline = require("readline");

const [listenPort, targetPort] = process.argv.slice(2).map(Number);
const stats = { requests: 0, up: 0, down: 0 };
const REQUEST_LINE = /(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP\/1\.[01]\r\n/g;

net
  .createServer((client) => {
    const server = net.connect(targetPort, "127.0.0.1");
    let tail = ""; // a request line may be cut between two chunks
    client.on("data", (chunk) => {
      stats.up += chunk.length;
      const text = tail + chunk.toString("latin1");
      for (const match of text.matchAll(REQUEST_LINE)) {
        if (match.index + match[0].length > tail.length) stats.requests += 1; // not counted yet
      }
      tail = text.slice(-300);
      server.write(chunk);
    });
    server.on("data", (chunk) => {
      stats.down += chunk.length;
      client.write(chunk);
    });
    client.on("end", () => server.end());
    server.on("end", () => client.end());
    client.on("error", () => server.destroy());
    server.on("error", () => client.destroy());
  })
  .listen(listenPort, "127.0.0.1", () => console.log(JSON.stringify({ listening: listenPort })));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "stats") console.log(JSON.stringify(stats));
});
