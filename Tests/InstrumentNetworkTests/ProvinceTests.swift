import InstrumentNetwork
import Testing

struct ProvinceTests {
  @Test(arguments: [
    ("SH", Province.shanghai), ("sh", .shanghai), ("上海", .shanghai), ("上海市", .shanghai),
    ("Shanghai", .shanghai), ("  SHANGHAI \n", .shanghai), ("JS", .jiangsu), ("江苏省", .jiangsu),
    ("jiangsu", .jiangsu), ("zj", .zhejiang), ("浙江", .zhejiang), ("浙江省", .zhejiang),
    ("ZheJiang", .zhejiang), ("AH", .anhui), ("安徽省", .anhui), ("anhui", .anhui),
  ])
  func parsesEverySpelling(text: String, expected: Province) throws {
    #expect(try Province(parsing: text) == expected)
  }

  @Test(arguments: ["", "GD", "广东", "Shang hai", "SH,JS", "江苏市x"])
  func refusesOthersListingTheSpellings(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Province(parsing: text) }
    #expect(message?.contains("SH, JS, ZJ, AH") == true)
    #expect(message?.contains("上海") == true)
    #expect(message?.hasSuffix("got \"\(text)\"") == true)
  }

  @Test func namesAndCodes() {
    #expect(Province.allCases.map(\.code) == ["SH", "JS", "ZJ", "AH"])
    #expect(Province.allCases.map(\.chineseName) == ["上海", "江苏", "浙江", "安徽"])
    #expect(Province.allCases.map(\.pinyin) == ["Shanghai", "Jiangsu", "Zhejiang", "Anhui"])
    #expect(Province.allCases.map(\.fullChineseName) == ["上海市", "江苏省", "浙江省", "安徽省"])
  }

  @Test func ordersShanghaiJiangsuZhejiangAnhui() {
    #expect([Province.anhui, .zhejiang, .shanghai, .jiangsu].sorted() == Province.allCases)
    #expect(Province.shanghai < .anhui)
    #expect(!(Province.anhui < .zhejiang))
  }

  @Test func parsesListsSortedAndDistinct() throws {
    #expect(try Province.parseList("SH,JS,ZJ,AH") == Province.allCases)
    #expect(try Province.parseList("ah, zj ,浙江,SH") == [.shanghai, .zhejiang, .anhui])
    #expect(try Province.parseList("安徽，上海") == [.shanghai, .anhui])
    #expect(try Province.parseList("JS") == [.jiangsu])
  }

  @Test(arguments: ["", "SH,,JS", "SH,", " , ", "SH,XX"])
  func refusesBadLists(text: String) {
    #expect(invalidDataMessage { () throws(LabNetError) in try Province.parseList(text) } != nil)
  }

  @Test func codesAsRawValue() throws {
    let encoded = try jsonText([Province.zhejiang])
    #expect(encoded == #"["ZJ"]"#)
    #expect(try decodeJSON([Province].self, #"["AH"]"#) == [.anhui])
  }
}
