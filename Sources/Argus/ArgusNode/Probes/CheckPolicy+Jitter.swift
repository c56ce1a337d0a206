import ArgusCore

extension CheckPolicy {
    /// The delay before the next check: `base` stretched by up to `jitter` of itself, so that
    /// targets with one interval do not all fire in the same instant.
    /// - Parameter unitRandom: a number in `0 ..< 1`.
    public func jittered(_ base: Double, unitRandom: Double) -> Double {
        base * (1 + jitter * unitRandom)
    }
}
