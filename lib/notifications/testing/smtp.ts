import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Logins the server saw, to prove the password went where it should. */
  logins: Array<{ username: string; password: string }>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package, from nodemailer's authors), with an
 * optional login. `reject` answers every recipient with a temporary 451 failure, as a broken relay would.
 */
export async function startSmtpServer(
  opts: { user?: string; password?: string; reject?: boolean; port?: number } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const logins: TestSmtpServer["logins"] = [];
  const options: SMTPServerOptions = {
    disabledCommands: ["STARTTLS"],
    authOptional: !opts.user,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
      if (auth.username === opts.user && auth.password === opts.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (opts.reject) callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 }));
      else callback();
      void address;
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        void simpleParser(raw).then((parsed) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            parsed,
            raw,
          });
          callback(null, "Queued as test-" + received.length);
        }, callback);
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const credentials = opts.user ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password ?? "")}@` : "";
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
