import InstrumentNetwork

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The headline figures of the 2018 network, which `labnet seed` reproduces
/// exactly at scale 1 and proportionally below it.
public struct SeedTargets: Sendable, Hashable {
  public var units: Int
  public var instruments: Int
  /// Instruments worth 500,000 yuan or more.
  public var largeOrAbove: Int
  /// The total purchase value: 51.95 billion yuan at scale 1, inside the
  /// published "over 51.9 billion" and under 52.0 billion.
  public var totalValue: Money

  public static func scaled(_ scale: Double) -> SeedTargets {
    let units = max(1, Int((2_086 * scale).rounded()))
    let instruments = max(units, Int((45_262 * scale).rounded()))
    let large = min(instruments, Int((29_898 * scale).rounded()))
    let total = Int64((5_195_000_000_000.0 * scale).rounded())
    return SeedTargets(
      units: units, instruments: instruments, largeOrAbove: large, totalValue: Money(fen: total))
  }
}

/// A deterministic synthetic network: the same seed gives the same units,
/// instruments and accounts on every machine and backend.
struct SyntheticNetwork {
  struct SeedUnit {
    var unit: Unit
    var instrumentCount: Int
  }

  let targets: SeedTargets
  var random: SeedRandom

  init(seed: UInt64, targets: SeedTargets) {
    self.targets = targets
    self.random = SeedRandom(seed: seed)
  }

  /// The units, numbered from `firstID`, with how many instruments each holds.
  mutating func units(firstID: Int64) -> [SeedUnit] {
    let perProvince = apportion(
      targets.units, weights: SeedVocabulary.unitsPerProvince.map { Double($0.1) })
    var names = Set<String>()
    var units: [Unit] = []
    for ((province, _), count) in zip(SeedVocabulary.unitsPerProvince, perProvince) {
      for _ in 0..<count {
        let kind = random.pick(SeedVocabulary.kinds)
        let city = random.pick(SeedVocabulary.cities[province] ?? [("上海", 1)])
        let name = uniqueName(kind: kind, city: city, province: province, taken: &names)
        units.append(
          Unit(
            id: firstID + Int64(units.count), name: name, province: province, city: city, kind: kind
          ))
      }
    }
    let weights = units.map { unit in
      (SeedVocabulary.kindWeight[unit.kind] ?? 1)
        * (SeedVocabulary.provinceWeight[unit.province] ?? 1)
        * (0.4 + 1.2 * random.unit())
    }
    let extra = apportion(targets.instruments - units.count, weights: weights)
    return zip(units, extra).map { SeedUnit(unit: $0, instrumentCount: $1 + 1) }
  }

  private mutating func uniqueName(
    kind: UnitKind, city: String, province: Province, taken: inout Set<String>
  ) -> String {
    for attempt in 0..<50 {
      var name = candidateName(kind: kind, city: city, province: province)
      if attempt >= 20 { name += "（\(attempt - 19)）" }
      if taken.insert(name).inserted { return name }
    }
    let name = "\(city)成员单位\(taken.count + 1)"
    taken.insert(name)
    return name
  }

  private mutating func candidateName(kind: UnitKind, city: String, province: Province) -> String {
    let vocabulary = SeedVocabulary.self
    switch kind {
    case .university:
      return "\(city)\(random.pick(vocabulary.universityFields))大学"
    case .institute:
      return random.below(2) == 0
        ? "中国科学院\(city)\(random.pick(vocabulary.researchFields))研究所"
        : "\(province.chineseName)省\(random.pick(vocabulary.researchFields))研究院"
          .replacingShanghaiProvince()
    case .enterprise:
      let brand = random.pick(vocabulary.brandSyllables) + random.pick(vocabulary.brandSyllables)
      return "\(city)\(brand)\(random.pick(vocabulary.industries))有限公司"
    case .hospital:
      return "\(city)市\(random.pick(vocabulary.hospitalKinds))医院"
    case .other:
      return
        "\(city)\(random.pick(vocabulary.researchFields))\(random.pick(vocabulary.serviceKinds))"
    }
  }

  /// Purchase values for every instrument, shuffled: exactly
  /// `largeOrAbove` of them at 500,000 yuan or more, the rest from 300,000
  /// to 499,999, adding up to `totalValue` exactly.
  mutating func values() -> [Money] {
    let standardCount = targets.instruments - targets.largeOrAbove
    let bar = ValueTier.large.lowerBound.fen
    var values: [Int64] = (0..<standardCount).map { _ in
      (300_000 + Int64(random.below(200_000))) * 100
    }
    // Heavy-tailed excess over 500,000 yuan, then scaled to hit the total.
    let raw = (0..<targets.largeOrAbove).map { _ in pow400(cubed: random.unit()) - 1 }
    let standardSum = values.reduce(0, +)
    let budget = targets.totalValue.fen - standardSum - Int64(targets.largeOrAbove) * bar
    let rawSum = raw.reduce(0, +)
    let factor = rawSum > 0 ? Double(max(0, budget)) / rawSum : 0
    var large = raw.map { bar + Int64(($0 * factor / 100).rounded(.down)) * 100 }
    if let largest = large.indices.max(by: { large[$0] < large[$1] }) {
      large[largest] += targets.totalValue.fen - standardSum - large.reduce(0, +)
    }
    values += large
    for index in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(index, random.below(index + 1))
    }
    return values.map(Money.init(fen:))
  }

  /// 400^(u³): mostly near 1, sometimes a hundredfold.
  private func pow400(cubed u: Double) -> Double {
    exp(u * u * u * log(400))
  }

  /// One instrument of `unit` worth `value`.
  mutating func instrument(id: Int64, unit: Unit, value: Money) -> Instrument {
    let category = random.pick(SeedVocabulary.categories)
    let template = random.pick(
      SeedVocabulary.instruments[category] ?? [("仪器", "", "")])
    let yuan = Double(value.fen) / 100
    let rate = min(
      8_000, max(20, (yuan * 0.0004 * (0.7 + 0.6 * random.unit()) / 10).rounded() * 10))
    let hours = random.pick(SeedVocabulary.openingHours)
    let granularity = random.pick([(15, 80.0), (30, 10.0), (60, 10.0)])
    return Instrument(
      id: id, unitID: unit.id, name: template.name, model: template.model,
      manufacturer: template.maker, category: category, value: value,
      hourlyRate: Money(fen: Int64(rate) * 100),
      location:
        "\(random.pick(SeedVocabulary.buildings)) \(1 + random.below(6))\(String(format2: 1 + random.below(30)))室",
      openingHours: (try? OpeningHours(parsing: hours)) ?? .standard, status: .inService,
      isShared: random.below(100) < 95, granularityMinutes: granularity)
  }

  /// A Chinese personal name.
  mutating func personName() -> String {
    random.pick(SeedVocabulary.surnames) + random.pick(SeedVocabulary.givenNames)
  }
}

extension String {
  init(format2 number: Int) {
    self = number < 10 ? "0\(number)" : String(number)
  }

  /// 上海 is a municipality: "上海省" reads "上海市".
  fileprivate func replacingShanghaiProvince() -> String {
    hasPrefix("上海省") ? "上海市" + dropFirst(3) : self
  }
}
