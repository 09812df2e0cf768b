/*
 * The ceiling for labnet's SQLite booking benchmark: a plain C program doing
 * the same SQL as `NetworkStore.book` on the same schema, each booking its own
 * BEGIN IMMEDIATE transaction (WAL, synchronous=NORMAL), with the same
 * workload generator as labnet-bench (xorshift from SEED, random 24/7
 * instrument, random 15-minute slot within 85 days). It checks no rules in C:
 * it is what the database work alone costs.
 *
 *   cc -O2 -o sqlite_booking sqlite_booking.c -lsqlite3
 *   ./sqlite_booking DATABASE COUNT SEED   → bookings/s booked refused seconds
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static sqlite3 *db;

static void die(const char *what) {
  fprintf(stderr, "sqlite_booking: %s: %s\n", what, sqlite3_errmsg(db));
  exit(1);
}

static sqlite3_stmt *prepare(const char *sql) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK)
    die(sql);
  return statement;
}

static void run(sqlite3_stmt *statement) {
  int code;
  while ((code = sqlite3_step(statement)) == SQLITE_ROW) {}
  if (code != SQLITE_DONE) die("step");
  sqlite3_reset(statement);
}

static uint64_t state;
static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static double now_seconds(void) {
  struct timespec time;
  clock_gettime(CLOCK_MONOTONIC, &time);
  return time.tv_sec + time.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: sqlite_booking DATABASE COUNT SEED\n");
    return 64;
  }
  long count = atol(argv[2]);
  state = (strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL) | 1;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die("open");
  sqlite3_busy_timeout(db, 2000);
  sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
               NULL, NULL, NULL);

  sqlite3_stmt *list = prepare(
      "SELECT id FROM instrument WHERE opening_hours = '24/7' AND granularity_minutes = 15 "
      "AND shared = 1 AND status = 'in_service' ORDER BY id");
  int64_t *instruments = malloc(sizeof(int64_t) * 50000);
  long instrumentCount = 0;
  while (sqlite3_step(list) == SQLITE_ROW && instrumentCount < 50000)
    instruments[instrumentCount++] = sqlite3_column_int64(list, 0);
  sqlite3_finalize(list);
  if (instrumentCount == 0) { fprintf(stderr, "sqlite_booking: seed first\n"); return 1; }

  /* The statements NetworkService.book runs, word for word: the acting account first. */
  sqlite3_stmt *begin = prepare("BEGIN IMMEDIATE");
  sqlite3_stmt *commit = prepare("COMMIT");
  sqlite3_stmt *actor = prepare(
      "SELECT a.id, a.login, a.display_name, a.unit_id, r.role, r.unit_id, r.province\n"
      "FROM account AS a LEFT JOIN account_role AS r ON r.account_id = a.id\n"
      "WHERE a.login = ? ORDER BY r.role, r.unit_id, r.province");
  sqlite3_stmt *instrument = prepare(
      "SELECT i.id, i.unit_id, i.name, i.model, i.manufacturer, i.category, i.value_fen,\n"
      "i.hourly_rate_fen, i.location, i.opening_hours, i.status, i.shared, i.granularity_minutes, "
      "u.id, u.name, u.province, u.city, u.kind\n"
      "FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE i.id = ?");
  sqlite3_stmt *block = prepare(
      "SELECT starts_at, ends_at, reason FROM maintenance_block WHERE instrument_id = ? AND ends_at > ? "
      "AND starts_at < ? ORDER BY starts_at LIMIT 1");
  sqlite3_stmt *taken = prepare(
      "SELECT starts_at, ends_at FROM reservation WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? "
      "AND status IN ('pending', 'confirmed', 'completed') AND id <> ? ORDER BY starts_at LIMIT 1");
  sqlite3_stmt *insert = prepare(
      "INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at,\n"
      "  purpose, status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at)\n"
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");

  int64_t clock_now = (int64_t)time(NULL);
  int64_t first = (clock_now / 900 + 8) * 900;
  long booked = 0, refused = 0;
  double start = now_seconds();
  for (long n = 0; n < count; n++) {
    int64_t id = instruments[next() % (uint64_t)instrumentCount];
    int64_t from = first + (int64_t)(next() % (85 * 96)) * 900, to = from + 900;
    run(begin);
    sqlite3_bind_text(actor, 1, "r0001", -1, SQLITE_STATIC);
    while (sqlite3_step(actor) == SQLITE_ROW) {}
    sqlite3_reset(actor);
    sqlite3_bind_int64(instrument, 1, id);
    int64_t rate = 0;
    if (sqlite3_step(instrument) == SQLITE_ROW) rate = sqlite3_column_int64(instrument, 7);
    sqlite3_reset(instrument);
    sqlite3_bind_int64(block, 1, id); sqlite3_bind_int64(block, 2, from); sqlite3_bind_int64(block, 3, to);
    int blocked = sqlite3_step(block) == SQLITE_ROW;
    sqlite3_reset(block);
    sqlite3_bind_int64(taken, 1, id); sqlite3_bind_int64(taken, 2, from); sqlite3_bind_int64(taken, 3, to);
    sqlite3_bind_int64(taken, 4, 0);
    int busy = sqlite3_step(taken) == SQLITE_ROW;
    sqlite3_reset(taken);
    if (blocked || busy) {
      sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
      refused++;
      continue;
    }
    int64_t fee = (rate * 900 + 1800) / 3600;
    sqlite3_bind_int64(insert, 1, id); sqlite3_bind_int64(insert, 2, 2); sqlite3_bind_int64(insert, 3, 1);
    sqlite3_bind_int64(insert, 4, from); sqlite3_bind_int64(insert, 5, to);
    sqlite3_bind_text(insert, 6, "bench", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 7, "confirmed", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 8, rate); sqlite3_bind_int64(insert, 9, fee);
    sqlite3_bind_int64(insert, 10, clock_now); sqlite3_bind_int64(insert, 11, clock_now);
    run(insert);
    run(commit);
    booked++;
  }
  double elapsed = now_seconds() - start;
  printf("%f %ld %ld %f\n", count / elapsed, booked, refused, elapsed);
  sqlite3_stmt *statements[] = {begin, commit, actor, instrument, block, taken, insert};
  for (int i = 0; i < 7; i++) sqlite3_finalize(statements[i]);
  free(instruments);
  if (sqlite3_close(db) != SQLITE_OK) die("close");
  return 0;
}
