import InstrumentNetwork
import LabNetService
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// labnet-bench: in-process measurements for scripts/bench.
//
//   labnet-bench book DATABASE LOGIN COUNT SEED        bookings per second, each its own transaction
//   labnet-bench slots DATABASE NOW REPEAT              median µs of one instrument's free slots for a week
//   labnet-bench search DATABASE NOW REPEAT [P C]       median ms of a 4-hour network search in a week
//   labnet-bench booking-slots DATABASE COUNT SEED      COUNT distinct free slots `book` would pick, one a line
//   labnet-bench fill DATABASE LOGIN MONDAY COUNT SEED  books COUNT half-day runs in the week from MONDAY
//
// NOW fixes the store's clock (e.g. "2018-06-04 08:00") so the week holds seeded bookings.

func seconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func fail(_ message: String) -> Never {
  var text = "labnet-bench: \(message)\n"
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  exit(1)
}

/// The workload `book` and `booking-slots` share: random 15-minute slots of
/// 24/7 instruments with 15-minute steps, from two hours ahead to 85 days on.
struct BookingWorkload {
  let instruments: [Int64]
  let firstSlot: Int64
  var state: UInt64

  init(service: NetworkService, seed: UInt64) throws {
    instruments = try service.instrumentIDs(openingHours: .allWeek, granularityMinutes: 15)
    guard !instruments.isEmpty else { fail("no 24/7 instruments with 15-minute steps; seed first") }
    firstSlot = (Instant.now().seconds / 900 + 8) * 900  // two hours ahead, on the grid
    state = (seed &* 0x9E37_79B9_7F4A_7C15) | 1
  }

  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }

  /// The next instrument and 15-minute slot (collisions possible).
  mutating func slot() -> (instrument: Int64, interval: Range<Instant>) {
    let instrument = instruments[Int(next() % UInt64(instruments.count))]
    let slot = Int64(next() % (85 * 96))  // within the 90-day horizon
    let from = Instant(seconds: firstSlot + slot * 900)
    return (instrument, from..<(from + 900))
  }
}

/// Prints COUNT distinct slots of `book`'s workload, "INSTRUMENT FROM TO" a
/// line (ISO 8601), for HTTP load generators: on a freshly seeded network
/// every one of them is free, and no two are the same.
func bookingSlots(_ arguments: [String]) throws {
  guard arguments.count == 3, let count = Int(arguments[1]), let seed = UInt64(arguments[2]) else {
    fail("booking-slots DATABASE COUNT SEED")
  }
  let service = NetworkService(pool: StorePool(location: try StoreLocation(parsing: arguments[0])))
  var workload = try BookingWorkload(service: service, seed: seed)
  guard count <= workload.instruments.count * 85 * 96 / 2 else { fail("too many slots asked for") }
  var seen = Set<Int64>()
  var text = ""
  while seen.count < count {
    let (instrument, interval) = workload.slot()
    guard seen.insert(instrument &* 10_000_000 &+ interval.lowerBound.seconds / 900).inserted
    else { continue }
    text += "\(instrument) \(interval.lowerBound.iso8601) \(interval.upperBound.iso8601)\n"
    if text.utf8.count > 1 << 16 {
      print(text, terminator: "")
      text = ""
    }
  }
  print(text, terminator: "")
}

/// Books about COUNT runs in the week from MONDAY (a local date) as the
/// seeded history does in 2018: weekday mornings 09:00-12:00 and afternoons
/// 13:00-17:00, 1 to 4 whole hours, random shared instruments; a run that
/// collides is skipped. Prints the number booked and refused.
func fill(_ arguments: [String]) throws {
  guard arguments.count == 5, let count = Int(arguments[3]), let seed = UInt64(arguments[4]) else {
    fail("fill DATABASE LOGIN MONDAY COUNT SEED")
  }
  let service = NetworkService(pool: StorePool(location: try StoreLocation(parsing: arguments[0])))
  let booker = Principal.storeHolder(claimedLogin: arguments[1])
  let monday = try Instant(parsing: arguments[2] + " 00:00")
  let instruments = try service.instruments(matching: InstrumentFilter())
    .filter { $0.instrument.isShared && $0.instrument.status == .inService }
    .map(\.instrument.id)
  var state = (seed &* 0x9E37_79B9_7F4A_7C15) | 1
  func below(_ bound: Int) -> Int {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Int(state % UInt64(bound))
  }
  var booked = 0
  var refused = 0
  while booked < count && refused < count * 4 {
    let instrument = instruments[below(instruments.count)]
    let place = below(10)
    let windowStart = monday + Int64(place / 2) * 86_400 + (place % 2 == 0 ? 9 : 13) * 3_600
    let windowHours = place % 2 == 0 ? 3 : 4
    let hours = 1 + below(windowHours)
    let start = windowStart + Int64(below(windowHours - hours + 1)) * 3_600
    do {
      _ = try service.book(
        BookingRequest(
          instrumentID: instrument, interval: start..<(start + Int64(hours) * 3_600),
          purpose: "bench", voucher: nil),
        as: booker)
      booked += 1
    } catch is LabNetError {
      refused += 1
    }
  }
  print("\(booked) \(refused)")
}

/// Books COUNT random 15-minute-aligned slots of 24/7 instruments; prints bookings/s.
func book(_ arguments: [String]) throws {
  guard arguments.count == 4, let count = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
    fail("book DATABASE LOGIN COUNT SEED")
  }
  let service = NetworkService(pool: StorePool(location: try StoreLocation(parsing: arguments[0])))
  let booker = Principal.storeHolder(claimedLogin: arguments[1])
  var workload = try BookingWorkload(service: service, seed: seed)
  var booked = 0
  var refused = 0
  let start = seconds()
  for _ in 0..<count {
    let (instrument, interval) = workload.slot()
    do {
      _ = try service.book(
        BookingRequest(
          instrumentID: instrument, interval: interval, purpose: "bench", voucher: nil),
        as: booker)
      booked += 1
    } catch let error as LabNetError where error.kind == .refused {
      refused += 1
    }
  }
  let elapsed = seconds() - start
  print("\(Double(count) / elapsed) \(booked) \(refused) \(elapsed)")
}

/// Median microseconds of `freeSlots` for a week of random instruments.
func slots(_ arguments: [String]) throws {
  guard arguments.count == 3, let repeats = Int(arguments[2]) else {
    fail("slots DATABASE NOW REPEAT")
  }
  let now = try Instant(parsing: arguments[1])
  let service = NetworkService(
    pool: StorePool(location: try StoreLocation(parsing: arguments[0])), clock: { now })
  let count = Int64(try service.statistics().instruments)
  var timings: [Double] = []
  var found = 0
  for index in 0..<repeats {
    let id = 1 + Int64(index * 7919) % count
    let start = seconds()
    let (_, free) = try service.freeSlots(instrumentID: id, window: now..<(now + 7 * 86_400))
    timings.append((seconds() - start) * 1e6)
    found += free.count
  }
  print("\(median(timings)) \(found)")
}

/// Median milliseconds of a 4-hour search over a week, optionally filtered.
func search(_ arguments: [String]) throws {
  guard arguments.count >= 3, let repeats = Int(arguments[2]) else {
    fail("search DATABASE NOW REPEAT [PROVINCE CATEGORY]")
  }
  let now = try Instant(parsing: arguments[1])
  let service = NetworkService(
    pool: StorePool(location: try StoreLocation(parsing: arguments[0])), clock: { now })
  var filter = InstrumentFilter()
  if arguments.count == 5 {
    filter.province = try Province(parsing: arguments[3])
    filter.category = try InstrumentCategory(parsing: arguments[4])
  }
  var timings: [Double] = []
  var found = 0
  for _ in 0..<repeats {
    let start = seconds()
    let runs = try service.searchFreeRuns(
      FreeRunSearch(
        window: now..<(now + 7 * 86_400), seconds: 4 * 3_600, filter: filter, maximumRate: nil,
        limit: 20))
    timings.append((seconds() - start) * 1e3)
    found = runs.count
  }
  print("\(median(timings)) \(found)")
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  switch arguments.first {
  case "book": try book(Array(arguments.dropFirst()))
  case "slots": try slots(Array(arguments.dropFirst()))
  case "search": try search(Array(arguments.dropFirst()))
  case "booking-slots": try bookingSlots(Array(arguments.dropFirst()))
  case "fill": try fill(Array(arguments.dropFirst()))
  default: fail("book | slots | search | booking-slots | fill (see the source for arguments)")
  }
} catch {
  fail("\(error)")
}
