// A local SMTP server that accepts every mail and keeps none: the far end
// of bench/mail.ts, in a process of its own as a real mail server would be.
// Tells its parent (IPC) the port it listens on, then how many mails it took.
import { SMTPServer } from "smtp-server";

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received += 1;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.server.address().port }));
process.on("message", (message) => {
  if (message === "count") process.send({ received });
  if (message === "stop") server.close(() => process.exit(0));
});
