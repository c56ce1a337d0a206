import ArgusTestSupport
import Foundation
import Testing
import Zellular

extension FinalizationMessageVectors {
    /// The finalized-batches response body for `after`.
    func response(after: Int) throws -> FinalizedBatches? {
        let text = try #require(static_network.http["GET /node/{app}/batches/finalized?after=\(after)"])
        return try JSONDecoder().decode(Envelope<FinalizedBatches>.self, from: Data(text.utf8)).data
    }
}
