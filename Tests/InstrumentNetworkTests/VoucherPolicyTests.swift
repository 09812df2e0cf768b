import InstrumentNetwork
import Testing

@Suite("Voucher policy cover")
struct VoucherPolicyTests {
  @Test("covers parse to basis points; out of range and huge numbers are refused, never trap")
  func cover() throws {
    #expect(try VoucherPolicy.coverBasisPoints(parsing: "50") == 5_000)
    #expect(try VoucherPolicy.coverBasisPoints(parsing: "37.5%") == 3_750)
    #expect(try VoucherPolicy.coverBasisPoints(parsing: "100") == 10_000)
    for text in ["0", "100.01", "101", "92233720368547759", "9223372036854775807", "-5", "x"] {
      #expect(throws: LabNetError.self, "\(text)") {
        try VoucherPolicy.coverBasisPoints(parsing: text)
      }
    }
  }
}
