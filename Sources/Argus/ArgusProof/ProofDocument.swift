import Foundation

/// Anything `argus verify` accepts: a downtime proof (`/aggregate_downtime`), a state event
/// object, a batch holding one event (as read from Zellular), or an epoch report (`/epochs/{n}`).
/// The one call a third party needs: `try ProofDocument(json:).verify(with: registry)`.
public enum ProofDocument: Sendable {
    case downtime(DowntimeProof)
    case event(StateEvent)
    case epoch(EpochReport)

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)
        case invalid(String)

        public var description: String {
            switch self {
            case let .malformed(reason): reason
            case let .invalid(reason): reason
            }
        }
    }

    /// Parses a proof document; `.malformed` names what is wrong with it.
    public init(json data: Data) throws(Failure) {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw .malformed("the input is not JSON")
        }
        if let array = value as? [Any] {
            guard array.count == 1 else { throw .malformed("a batch must hold exactly one event to be verified, found \(array.count)") }
            do {
                self = .event(try StateEvent.parseBatch(String(decoding: data, as: UTF8.self))[0].get())
            } catch {
                throw .malformed("event: \(error)")
            }
        } else if let object = value as? [String: Any] {
            if object["leaves"] != nil, object["root"] != nil {
                do {
                    self = .epoch(try EpochReport(json: data))
                } catch {
                    throw .malformed("\(error)")
                }
            } else if object["total_downtime_seconds"] != nil {
                do {
                    self = .downtime(try DowntimeProof(json: data))
                } catch {
                    throw .malformed("\(error)")
                }
            } else {
                do {
                    self = .event(try StateEvent.parse(object: data))
                } catch {
                    throw .malformed("event: \(error)")
                }
            }
        } else {
            throw .malformed("expected a downtime proof or a state event (a JSON object), or a batch of one event")
        }
    }

    /// Checks the proof against the cluster: quorum, non-signers, aggregate key, pairing; and that
    /// the signers it lists, if any, are the ones that verified. An epoch report is also checked
    /// against `domain` when given (its registry root and rebuilt root always).
    public func verify(with registry: Registry, domain: Bytes32? = nil) throws(Failure) -> ProofVerifier.Verified {
        let verifier = ProofVerifier(registry: registry)
        let verified: ProofVerifier.Verified
        do {
            switch self {
            case let .downtime(proof): verified = try verifier.verify(proof)
            case let .event(event): verified = try verifier.verify(event)
            case let .epoch(report): verified = try report.verify(with: registry, domain: domain)
            }
        } catch let error as EpochReport.Failure {
            throw .invalid(error.description)
        } catch {
            throw .invalid("\(error)")
        }
        if case let .downtime(proof) = self, let listed = proof.signers, listed != verified.signers {
            throw .invalid("the proof lists signers \(listed.joined(separator: ", ")), but the non-signers leave \(verified.signers.joined(separator: ", "))")
        }
        return verified
    }

    /// What a verified proof proves, in one paragraph.
    public func summary(_ verified: ProofVerifier.Verified) -> String {
        let who = "\(verified.signers.count) of \(verified.members) monitoring nodes (\(verified.signers.joined(separator: ", ")))"
        let rest = "Non-signers: \(verified.nonSigners.isEmpty ? "none" : verified.nonSigners.joined(separator: ", ")). "
            + "Quorum: \(verified.quorum), met. Signed message: \"\(verified.statement)\"."
        switch self {
        case let .downtime(proof):
            let asOf = proof.asOfIndex.map { ", as of Zellular index \($0)" } ?? ""
            let readable = proof.totalDowntimeSeconds >= 60 ? " (\(Self.duration(proof.totalDowntimeSeconds)))" : ""
            return "VALID: \(who) signed that \(proof.address) was down for \(proof.totalDowntimeSeconds) s\(readable) between \(Self.time(proof.from)) and \(Self.time(proof.to))\(asOf). " + rest
        case let .event(event):
            return "VALID: \(who) signed that they observed \(event.address) \(event.state) at \(Self.time(event.timestamp)). " + rest
        case let .epoch(report):
            let content = report.content
            let down = content.leaves.filter { $0.downtimeSeconds > 0 }
            return "VALID: \(who) signed epoch \(content.epoch) (\(Self.time(Int64(content.from))) to \(Self.time(Int64(content.to)))): root \(content.root) over "
                + "\(content.leafCount) targets, rebuilt from its leaves; \(down.count) with downtime"
                + (down.isEmpty ? "" : " (" + down.map { "\($0.address) \($0.downtimeSeconds) s" }.joined(separator: ", ") + ")")
                + ". Domain \(content.domain), registry root \(content.registryRoot). " + rest
        }
    }

    static func time(_ timestamp: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "\(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(timestamp)))) (\(timestamp))"
    }

    static func duration(_ seconds: Int64) -> String {
        let (hours, minutes, secs) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        return [hours > 0 ? "\(hours) h" : nil, minutes > 0 ? "\(minutes) min" : nil, secs > 0 || seconds == 0 ? "\(secs) s" : nil]
            .compactMap { $0 }.joined(separator: " ")
    }
}
