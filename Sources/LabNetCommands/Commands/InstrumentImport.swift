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

extension LabNet.InstrumentCommand {
  /// `labnet instrument import FILE.csv [--dry-run]`.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import instruments from a CSV file (a unit's manager, or an admin).",
      discussion: """
        UTF-8 with or without BOM, CRLF or LF, a header row naming the columns \
        (docs/import.md; Chinese names accepted). Every row is checked first and every \
        problem reported as `line N, column C: why`; nothing is imported unless all rows \
        are valid. A manager imports into its own unit; an admin names a unit per row.

        An asset number (column asset_number) is unique within a unit: a row \
        whose asset number the unit already has is refused, unless --update, which \
        updates that instrument with every field the file gives. The import stays all \
        or nothing.
        """)

    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Only check the file; import nothing.") var dryRun = false
    @Flag(
      help:
        "Rows whose asset number the unit already has update that instrument; the others add one."
    )
    var update = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        var handle: UnsafeMutablePointer<FILE>?
        defer { if let handle { fclose(handle) } }
        // A retry on a busy store opens the file again from its start.
        let report = try service.importInstruments(
          open: {
            if let handle { fclose(handle) }
            handle = nil
            guard let opened = fopen(file, "rb") else {
              throw LabNetError.notFound(
                "cannot open \(file): \(String(cString: strerror(errno)))")
            }
            handle = opened
            return Self.reader(of: opened, named: file)
          }, dryRun: dryRun, updating: update, as: global.principal,
          progress: ProgressLine.report)
        let record = [Field("file", "File", .text(file))] + Presentation.fields(of: report)
        Renderer.write(global.renderer.text(of: record))
      }
    }

    /// A CSV reader over an open file, 64 KB at a time.
    static func reader(of handle: UnsafeMutablePointer<FILE>, named file: String)
      -> CSVRecordReader
    {
      CSVRecordReader {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = fread(&buffer, 1, buffer.count, handle)
        if count == 0 {
          if ferror(handle) != 0 {
            throw LabNetError.invalidData(
              "cannot read \(file): \(String(cString: strerror(errno)))")
          }
          return nil
        }
        buffer.removeSubrange(count...)
        return buffer
      }
    }
  }
}
