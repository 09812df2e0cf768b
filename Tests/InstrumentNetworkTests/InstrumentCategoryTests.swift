import InstrumentNetwork
import Testing

struct InstrumentCategoryTests {
  @Test func keysAreTheStableSnakeCaseList() {
    #expect(
      InstrumentCategory.allCases.map(\.rawValue) == [
        "analytical", "physical_property", "metrology", "electronic_measurement",
        "oceanographic", "geophysical", "atmospheric", "special_testing", "laser",
        "process_testing", "computing", "medical_research", "nuclear", "astronomical", "other",
      ])
    #expect(InstrumentCategory.computing.chineseName == "计算机及其配套设备")
    #expect(InstrumentCategory.analytical.englishName == "Analytical instruments")
  }

  @Test(arguments: InstrumentCategory.allCases)
  func parsesEveryNameOfEveryCategory(category: InstrumentCategory) throws {
    #expect(try InstrumentCategory(parsing: category.rawValue) == category)
    #expect(try InstrumentCategory(parsing: category.rawValue.uppercased()) == category)
    #expect(try InstrumentCategory(parsing: category.englishName) == category)
    #expect(try InstrumentCategory(parsing: category.chineseName) == category)
  }

  @Test(arguments: [
    ("physical-property", InstrumentCategory.physicalProperty),
    ("Physical Property", .physicalProperty), ("electronic  measurement", .electronicMeasurement),
    (" 分析仪器 ", .analytical), ("lasers", .laser), ("MEDICAL_RESEARCH", .medicalResearch),
  ])
  func acceptsHyphensAndSpaces(text: String, category: InstrumentCategory) throws {
    #expect(try InstrumentCategory(parsing: text) == category)
  }

  @Test(arguments: ["", "chemistry", "physical__x", "分析"])
  func refusesListingTheKeys(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in
      try InstrumentCategory(parsing: text)
    }
    #expect(message?.hasPrefix("category must be one of analytical, physical_property,") == true)
    #expect(message?.contains("astronomical, other") == true)
  }

  @Test func namesAreDistinct() {
    #expect(Set(InstrumentCategory.allCases.map(\.chineseName)).count == 15)
    #expect(Set(InstrumentCategory.allCases.map(\.englishName)).count == 15)
  }
}
