// SideBySide's chdb peer: ClickHouse in this Node process (the chdb package), one session in the folder given as the
// first argument. Reads one JSON request per line on stdin ({"sql": "..."}), answers one JSON line on stdout:
// {"ok": true, "text": "<TabSeparated result>"} or {"ok": false, "error": "..."}.
const { Session } = require('chdb');
const readline = require('readline');

const session = new Session(process.argv[2]);
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', line => {
  let reply;
  try {
    const request = JSON.parse(line);
    reply = { ok: true, text: session.query(request.sql, 'TabSeparated') };
  } catch (e) {
    reply = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
lines.on('close', () => session.cleanup());
