import ArgumentParser

public struct LabNet: ParsableCommand {
  public init() {}
}
