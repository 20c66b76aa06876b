import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * Abuse-limit counters shared by every instance (lib/rate-limit). The columns, their order and
 * their types are the ones rate-limiter-flexible's RateLimiterPostgres reads and writes (it inserts
 * positionally: key, points, expire), so the limiter is told the table exists and never creates it.
 */
export const rateLimits = pgTable("rate_limits", {
  /** `<limit>:<client address>`. */
  key: varchar({ length: 255 }).primaryKey(),
  points: integer().notNull().default(0),
  /** Epoch milliseconds when the window ends; rows an hour past it are swept by the limiter. */
  expire: bigint({ mode: "number" }),
});
