import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension Pages {
  /// `/`: the network search, read by the API's own rules, with the
  /// network's headline figures. Without a query it searches the next seven
  /// days for two hours, soonest first.
  func addSearchPage(to router: Router<BasicRequestContext>) {
    router.get("/") { request, _ in
      await anyone(request) { visit in
        let t = PageText.words(visit.language)
        var fields = Self.queryFields(request).filter { !$0.value.isEmpty }
        let start = Self.nextHour(api.service.now)
        fields["from"] = fields["from"] ?? Self.fieldTime(start)
        fields["to"] = fields["to"] ?? Self.fieldTime(start + 7 * 86_400)
        fields["duration"] = fields["duration"] ?? "2h"
        let statistics = try await headline.figures {
          try await run { try $0.statistics() }
        }
        var values: [String: Any] = [
          "form": fields, "searched": true,
          "stats": [
            "units": Cell.number(Int64(statistics.units)).tableText,
            "instruments": Cell.number(Int64(statistics.instruments)).tableText,
            "value": Self.yuanInHundredMillions(statistics.totalValue, visit.language),
          ],
          "provinces": Province.allCases.map {
            ["code": $0.code, "name": $0.chineseName, "selected": fields["province"] == $0.code]
          },
          "categories": InstrumentCategory.allCases.map {
            [
              "code": $0.key, "name": visit.language == .zh ? $0.chineseName : $0.englishName,
              "selected": fields["category"] == $0.key,
            ]
          },
          "tiers": ValueTier.allCases.map {
            [
              "code": $0.rawValue, "name": t["tier_" + $0.rawValue] ?? $0.rawValue,
              "selected": fields["tier"] == $0.rawValue,
            ]
          },
          "sorts": FreeRunOrder.allCases.map {
            [
              "code": $0.rawValue, "name": t["sort_" + $0.rawValue] ?? $0.rawValue,
              "selected": (fields["sort"] ?? "soonest") == $0.rawValue,
            ]
          },
        ]
        do {
          if fields["sort"] == FreeRunOrder.distanceToProvince.rawValue, fields["near"] == nil,
            visit.account?.unitID == nil
          {
            fields["near"] = fields["province"]
          }
          let search = try API.freeRunSearch(Self.parameters(fields))
          let page = try await run { try $0.searchFreeRuns(search, as: visit.principal) }
          values["runs"] = page.runs.map { Self.runValues($0, visit.language) }
          values["found"] = PageText.found(page.runs.count, of: page.total, visit.language)
        } catch {
          let (status, message) = Self.refusal(error, visit: visit)
          values["searched"] = false
          return page(
            "search", title: t["search_title"] ?? "", values, visit: visit, status: status,
            error: message)
        }
        return page("search", title: t["search_title"] ?? "", values, visit: visit)
      }
    }
  }

  static func runValues(_ run: FreeRun, _ language: PageLanguage) -> [String: Any] {
    let instrument = run.listing.instrument
    return [
      "id": instrument.id, "name": instrument.name, "unit": run.listing.unit.name,
      "province": run.listing.unit.province.chineseName, "city": run.listing.unit.city,
      "category": language == .zh
        ? instrument.category.chineseName : instrument.category.englishName,
      "tier": PageText.words(language)["tier_" + instrument.tier.rawValue] ?? "",
      "rate": instrument.hourlyRate.groupedYuan,
      "from": run.run.lowerBound.localText, "until": run.freeUntil.localText,
      "from_field": fieldTime(run.run.lowerBound), "to_field": fieldTime(run.run.upperBound),
      "week": run.run.lowerBound.localDate.iso,
    ]
  }

  /// The start of the next whole hour after `now`.
  static func nextHour(_ now: Instant) -> Instant {
    Instant(seconds: (now.seconds / 3_600 + 1) * 3_600)
  }

  /// 519.3 亿元, or 51.93 billion yuan.
  static func yuanInHundredMillions(_ money: Money, _ language: PageLanguage) -> String {
    let yuan = Double(money.fen) / 100
    switch language {
    case .zh: return String(format: "%.1f 亿元", yuan / 1e8)
    case .en: return String(format: "%.2f billion yuan", yuan / 1e9)
    }
  }
}
