import Foundation

/// Writes the words of a sample's report. The embedded describer reads the measured numbers (`RuleBasedDescriber`);
/// a vision-capable model can take its place and look at the keyframes as well.
public protocol SampleDescriber: Sendable {
    /// `analysis` holds every measurement, and as its description the rule-based one (a fallback and a hint);
    /// `keyframes` is the folder with the shots' pictures, when they were written.
    func describe(_ analysis: SampleAnalysis, keyframes: URL?) async throws -> SampleAnalysis.SampleDescription
}
