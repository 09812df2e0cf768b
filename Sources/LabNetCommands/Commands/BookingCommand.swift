import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet {
  /// `labnet booking list|show|cancel|approve|reject|complete|no-show|move|calendar`.
  struct BookingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "booking", abstract: "See and change bookings.",
      subcommands: [
        List.self, Show.self, Cancel.self, Approve.self, Reject.self, Complete.self, NoShow.self,
        Move.self, Calendar.self,
      ])

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "List bookings you may see: yours, your units' instruments', your province's.")
      @Flag(help: "Only your own bookings.") var mine = false
      @Option(help: "Only this instrument's.") var instrument: Int64?
      @Option(help: "Only bookings of this unit's instruments (id or exact name).") var unit:
        String?
      @Option(help: "pending, confirmed, cancelled, rejected, completed or no_show.")
      var status: String?
      @Option(help: "Bookings ending after this time.") var from: String?
      @Option(help: "Bookings starting before this time.") var to: String?
      @OptionGroup var limit: ListLimit
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          var window: Range<Instant>?
          if from != nil || to != nil {
            window = try BookingRules.interval(
              from: try from.map { text throws(LabNetError) in try Instant(parsing: text) }
                ?? Instant(seconds: 0),
              to: try to.map { text throws(LabNetError) in try Instant(parsing: text) }
                ?? Instant(seconds: Int64(Int32.max) * 8))
          }
          let filter = BookingFilter(
            mine: mine, instrumentID: instrument,
            unitID: try unit.map { try service.unit(named: $0).id },
            status: try status.map { text throws(LabNetError) in
              try ReservationStatus(parsing: text)
            },
            window: window, limit: limit.limit)
          let found = try service.bookings(matching: filter, as: global.principal)
          let listing = Listing(
            columns: Presentation.bookingColumns, rows: found.map(Presentation.row(of:)))
          Renderer.write(global.renderer.text(of: listing))
          try limit.note(
            shown: found.count,
            total: try service.bookingCount(matching: filter, as: global.principal),
            format: global.format)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Show one booking.")
      @Argument(help: "The booking's id.") var booking: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          Renderer.write(
            global.renderer.text(
              of: Presentation.fields(of: try service.booking(id: booking, as: global.principal))))
        }
      }
    }

    struct Cancel: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Cancel a booking: its booker before it starts, its unit's manager any time.")
      @Argument(help: "The booking's id.") var booking: Int64
      @Option(help: "Why.") var reason: String?
      @Flag(help: "Also every later occurrence of its series (book --repeat).") var series = false
      @OptionGroup var global: GlobalOptions

      func run() throws {
        guard series else {
          return try change(
            BookingChange(.cancel, bookingID: booking, reason: reason), global: global)
        }
        try global.withService { service in
          let cancelled = try service.cancelSeries(
            from: booking, reason: reason, as: global.principal)
          Renderer.write(
            global.renderer.text(
              of: Listing(
                columns: Presentation.bookingColumns,
                rows: cancelled.map(Presentation.row(of:)))))
        }
      }
    }

    struct Approve: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Approve a pending booking of a flagship instrument (its unit's manager).")
      @Argument(help: "The booking's id.") var booking: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try change(BookingChange(.approve, bookingID: booking), global: global)
      }
    }

    struct Reject: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Reject a pending booking, saying why (its unit's manager).")
      @Argument(help: "The booking's id.") var booking: Int64
      @Option(help: "Why.") var reason: String
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try change(BookingChange(.reject, bookingID: booking, reason: reason), global: global)
      }
    }

    struct Complete: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Record actual use; the charge is computed from it (its unit's manager).")
      @Argument(help: "The booking's id.") var booking: Int64
      @Option(help: "When use began.") var usedFrom: String
      @Option(help: "When use ended.") var usedTo: String
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let used = try BookingRules.interval(
            from: try Instant(parsing: usedFrom), to: try Instant(parsing: usedTo),
            names: ("--used-from", "--used-to"))
          try show(
            try service.change(
              BookingChange(.complete, bookingID: booking, used: used), as: global.principal),
            global: global)
        }
      }
    }

    struct NoShow: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "no-show",
        abstract:
          "Mark that the booker did not come; the quoted fee is charged (its unit's manager).")
      @Argument(help: "The booking's id.") var booking: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try change(BookingChange(.noShow, bookingID: booking), global: global)
      }
    }

    struct Move: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Move a booking to another time of its instrument, keeping its id and vouchers.",
        discussion: """
          Every booking rule is checked again at the new time and the fee is quoted again at \
          the instrument's rate of now; a voucher's share is settled down when the new quote \
          is lower. Refused as a whole, nothing changed, when the new time is taken. Its \
          booker may move it before it starts, its unit's manager any time; a flagship \
          booking moved by its booker waits for approval again.
          """)
      @Argument(help: "The booking's id.") var booking: Int64
      @Option(help: "The new start.") var from: String
      @Option(help: "The new end.") var to: String
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let interval = try BookingRules.interval(
            from: try Instant(parsing: from), to: try Instant(parsing: to))
          try show(
            try service.move(
              BookingMove(bookingID: booking, interval: interval), as: global.principal),
            global: global)
        }
      }
    }

    struct Calendar: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Export bookings as an iCalendar (.ics) file for calendar programs.")
      @Flag(help: "Your own bookings (the default).") var mine = false
      @Option(help: "One instrument's bookings (its unit's manager).") var instrument: Int64?
      @Option(help: "Write to this file instead of standard output.") var output: String?
      @OptionGroup var global: GlobalOptions

      func validate() throws {
        if mine && instrument != nil {
          throw ValidationError("give --mine or --instrument, not both")
        }
      }

      func run() throws {
        try global.withService { service in
          // Cancelled and rejected bookings stay, marked CANCELLED, so a calendar
          // that imported an earlier file drops them when it imports this one.
          let (text, events) = try service.calendarDocument(
            instrumentID: instrument, as: global.principal)
          if let output {
            let sink = try ExportSink(path: output, store: try global.location)
            sink.write(text)
            try sink.finish()
            Renderer.write(
              global.renderer.text(of: [
                Field("file", "File", .text(output)),
                Field("events", "Events", .number(events)),
              ]))
          } else {
            Renderer.write(text)
          }
        }
      }
    }
  }
}

/// Makes a change and prints the booking after it, as `booking show` would.
private func change(_ change: BookingChange, global: GlobalOptions) throws {
  try global.withService { service in
    try show(try service.change(change, as: global.principal), global: global)
  }
}

private func show(_ listing: BookingListing, global: GlobalOptions) throws {
  Renderer.write(global.renderer.text(of: Presentation.fields(of: listing)))
}
