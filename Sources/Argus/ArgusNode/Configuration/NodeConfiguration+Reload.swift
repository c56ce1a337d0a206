import Foundation

extension NodeConfiguration {
    /// The keys whose value differs between the running configuration and `new` but that a
    /// reload does not apply (they take effect after a restart). Targets and `targets_from` are
    /// applied; `listen` and `data_dir` are not compared, as the environment and the command
    /// line override them.
    public func keysNeedingRestart(_ new: NodeConfiguration) -> [String] {
        var keys: [String] = []
        if maxConcurrentChecks != new.maxConcurrentChecks { keys.append("max_concurrent_checks") }
        if checkFlushInterval != new.checkFlushInterval { keys.append("check_flush_interval") }
        if logLevel != new.logLevel { keys.append("log_level") }
        if notifications != new.notifications { keys.append("notifications") }
        if settlement != new.settlement { keys.append("settlement") }
        if cluster?.mode != new.cluster?.mode || cluster?.name != new.cluster?.name || cluster?.registryFile != new.cluster?.registryFile
            || cluster?.keyFile != new.cluster?.keyFile {
            keys.append("cluster")
        }
        return keys
    }
}
