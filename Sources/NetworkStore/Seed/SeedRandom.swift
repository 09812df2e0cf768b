/// SplitMix64: a small, fast generator whose sequence depends only on its
/// seed, so `labnet seed --seed N` builds the same network on every machine.
struct SeedRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<upper`.
  mutating func below(_ upper: Int) -> Int { Int(next() % UInt64(upper)) }

  /// A number in `0.0..<1.0`.
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// One of `items`, each as likely as its weight.
  mutating func pick<T>(_ items: [(T, Double)]) -> T {
    let total = items.reduce(0) { $0 + $1.1 }
    var point = unit() * total
    for (item, weight) in items {
      if point < weight { return item }
      point -= weight
    }
    return items[items.count - 1].0
  }

  /// One of `items`, uniformly.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Splits `total` into whole parts proportional to `weights` (largest
/// remainder), so the parts add up to `total` exactly.
func apportion(_ total: Int, weights: [Double]) -> [Int] {
  let sum = weights.reduce(0, +)
  guard sum > 0 else { return weights.map { _ in 0 } }
  let exact = weights.map { Double(total) * $0 / sum }
  var parts = exact.map { Int($0) }
  let order = exact.indices.sorted {
    (exact[$0] - Double(parts[$0]), -$0) > (exact[$1] - Double(parts[$1]), -$1)
  }
  for index in order.prefix(total - parts.reduce(0, +)) { parts[index] += 1 }
  return parts
}
