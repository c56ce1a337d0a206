/// The node's HTTP API as an OpenAPI 3 document, served at `/openapi.yaml` and checked against
/// the running server by `OpenAPIConformanceTests`.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.0.3
info:
  title: Argus monitoring node
  version: "1.0"
  description: >
    Verifiable downtime monitoring. Every client error is a 4xx with {"detail": "..."}.
    Routes marked "cluster" answer 404 on a standalone node. Proof format: docs/PROOFS.md.
paths:
  /health:
    get:
      summary: The node's own liveness.
      responses:
        "200": {description: Alive., content: {application/json: {schema: {$ref: "#/components/schemas/Health"}}}}
  /targets:
    get:
      summary: Every target with its confirmed state and latest check.
      responses:
        "200": {description: Targets., content: {application/json: {schema: {$ref: "#/components/schemas/Targets"}}}}
  /events:
    get:
      summary: A target's state changes after a timestamp, oldest first.
      parameters:
        - {$ref: "#/components/parameters/address"}
        - {name: after, in: query, schema: {type: integer, format: int64}, example: 0}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 10000}, example: 100}
      responses:
        "200": {description: Changes; in replicated modes with zellular_index and the finalized event., content: {application/json: {schema: {$ref: "#/components/schemas/Events"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
  /downtime:
    get:
      summary: Seconds a target was down in [from_timestamp, to_timestamp); signed in verifiable mode.
      parameters:
        - {$ref: "#/components/parameters/address"}
        - {$ref: "#/components/parameters/from"}
        - {$ref: "#/components/parameters/to"}
      responses:
        "200": {description: The total (the reference's body; with signature in verifiable mode)., content: {application/json: {schema: {$ref: "#/components/schemas/Downtime"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "425": {$ref: "#/components/responses/TooEarly"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
        "503": {$ref: "#/components/responses/CatchingUp"}
  /state:
    get:
      summary: "Cluster: this node's signed observation of a target at a time (stage 03)."
      parameters:
        - {$ref: "#/components/parameters/address"}
        - {name: timestamp, in: query, required: true, schema: {type: integer, format: int64}, example: 1714130000, description: "At most 10 s before and 2 s after the node's clock."}
      responses:
        "200": {description: Signed observation., content: {application/json: {schema: {$ref: "#/components/schemas/Attestation"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {description: This node has not confirmed the target's state at that time., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
        "429": {$ref: "#/components/responses/TooManyRequests"}
  /aggregate_downtime:
    get:
      summary: "Cluster: the quorum's aggregated downtime proof for a settled window (stage 04)."
      parameters:
        - {$ref: "#/components/parameters/address"}
        - {$ref: "#/components/parameters/from"}
        - {$ref: "#/components/parameters/to"}
      responses:
        "200": {description: The proof., content: {application/json: {schema: {$ref: "#/components/schemas/DowntimeProof"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "424": {description: Fewer than the quorum agree., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
        "425": {$ref: "#/components/responses/TooEarly"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
        "503": {$ref: "#/components/responses/CatchingUp"}
  /epochs:
    get:
      summary: "Settlement (verifiable mode with `settlement`): epochs from this node's first (or after `after`) to the current one."
      parameters:
        - {name: after, in: query, schema: {type: integer, format: int64, minimum: 0}, description: "List epochs after this one."}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000}, example: 10}
      responses:
        "200": {description: "Epochs, oldest first; root once settled.", content: {application/json: {schema: {$ref: "#/components/schemas/Epochs"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
  /epochs/{epoch}:
    get:
      summary: "Settlement: the epoch's report — every target's downtime, the Merkle root and the cluster's aggregated signature (docs/PROOFS.md, Epoch reports)."
      parameters:
        - {$ref: "#/components/parameters/epoch"}
      responses:
        "200": {description: "The report; once served it never changes.", content: {application/json: {schema: {$ref: "#/components/schemas/EpochReport"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/EpochNotFound"}
        "424": {$ref: "#/components/responses/EpochDisagreement"}
        "425": {$ref: "#/components/responses/EpochNotSettled"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
        "503": {$ref: "#/components/responses/CatchingUp"}
  /epochs/{epoch}/proof:
    get:
      summary: "Settlement: one target's inclusion proof in a settled epoch (OpenZeppelin MerkleProof.verify)."
      parameters:
        - {$ref: "#/components/parameters/epoch"}
        - {$ref: "#/components/parameters/address"}
      responses:
        "200": {description: The proof., content: {application/json: {schema: {$ref: "#/components/schemas/InclusionProof"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/EpochNotFound"}
        "424": {$ref: "#/components/responses/EpochDisagreement"}
        "425": {$ref: "#/components/responses/EpochNotSettled"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
        "503": {$ref: "#/components/responses/CatchingUp"}
  /epochs/{epoch}/signature:
    get:
      summary: "Settlement, between members: this node's BLS signature over its statement for a settled epoch (what the settling node collects)."
      parameters:
        - {$ref: "#/components/parameters/epoch"}
      responses:
        "200": {description: The signature., content: {application/json: {schema: {$ref: "#/components/schemas/EpochSignature"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "425": {$ref: "#/components/responses/EpochNotSettled"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
        "503": {$ref: "#/components/responses/CatchingUp"}
  /cluster:
    get:
      summary: Mode, members and whether they answer, quorum rule, Zellular cursor and lag, outbox depth, settlement schedule.
      responses:
        "200": {description: Cluster status., content: {application/json: {schema: {$ref: "#/components/schemas/Cluster"}}}}
        "429": {$ref: "#/components/responses/TooManyRequests"}
  /rejections:
    get:
      summary: "Cluster: replicated events this node refused, newest first, with the reason."
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000}, example: 10}
      responses:
        "200": {description: Refusals., content: {application/json: {schema: {type: object, required: [rejections], properties: {rejections: {type: array, items: {type: object, required: [zellular_index, reason, event]}}}}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
  /timeline:
    get:
      summary: Recent applied events of every target (with signers) and recent refusals.
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000}, example: 20}
      responses:
        "200": {description: Timeline., content: {application/json: {schema: {type: object, required: [events, rejections]}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
  /dashboard/summary:
    get:
      summary: "A page of targets with uptime over 24 h / 7 d / 30 d and the uptime bar (48 × 30 min), the targets the filter matched, and the counts and worst 24 h uptime of all; gzip with Accept-Encoding: gzip."
      parameters:
        - {name: limit, in: query, description: "Targets per page (default: all).", schema: {type: integer, minimum: 1, maximum: 1000}, example: 50}
        - {name: offset, in: query, description: "The first matched target to return (0-based).", schema: {type: integer, minimum: 0}, example: 0}
        - {name: state, in: query, description: "Only targets in this state.", schema: {type: string, enum: [up, down]}}
        - {name: q, in: query, description: "Only addresses containing this text (case-insensitive).", schema: {type: string}}
      responses:
        "200": {description: Summary., content: {application/json: {schema: {type: object, required: [now, bucket_seconds, total, matched, offset, counts, targets]}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
  /registry:
    get:
      summary: "Cluster: the registry (monitoring_nodes.json) with public keys and proofs of possession."
      responses:
        "200": {description: Registry., content: {application/json: {schema: {type: object}}}}
        "404": {$ref: "#/components/responses/NotFound"}
  /metrics:
    get:
      summary: Prometheus metrics (text exposition format).
      responses:
        "200": {description: Metrics., content: {text/plain: {schema: {type: string}}}}
        "429": {$ref: "#/components/responses/TooManyRequests"}
  /openapi.yaml:
    get:
      summary: This document.
      responses:
        "200": {description: OpenAPI 3 document., content: {application/yaml: {schema: {type: string}}}}
  /:
    get:
      summary: The dashboard (self-contained HTML); with auth.protect_dashboard it needs the admin token (Bearer, or the Basic password).
      responses:
        "200": {description: HTML page., content: {text/html: {schema: {type: string}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /maintenance:
    get:
      summary: The applied maintenance windows overlapping [from, to), of one target or of all (docs/ACCOUNTING.md).
      parameters:
        - {name: address, in: query, schema: {type: string}, example: "0xNodeA123"}
        - {name: from, in: query, schema: {type: integer, format: int64}, example: 0}
        - {name: to, in: query, schema: {type: integer, format: int64}, example: 2000000000}
      responses:
        "200": {description: Windows by start., content: {application/json: {schema: {$ref: "#/components/schemas/MaintenanceWindows"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
    post:
      summary: "Admin (bearer token): announce a maintenance window now; the cluster's quorum attests it before it begins and it is replicated."
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [address, from, to], properties: {address: {type: string}, from: {type: integer, format: int64}, to: {type: integer, format: int64}, reason: {type: string}}}}}
      responses:
        "202": {description: "Proposed (cluster) or recorded (standalone): {status, event}.", content: {application/json: {schema: {type: object, required: [status, event]}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {description: No quorum attested the window., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
  /maintenance/attest:
    get:
      summary: "Cluster: this node's signature over a maintenance window a peer announces (only before it begins, announced within 10 s of this node's clock)."
      parameters:
        - {$ref: "#/components/parameters/address"}
        - {name: from, in: query, required: true, schema: {type: integer, format: int64}, example: 0}
        - {name: to, in: query, required: true, schema: {type: integer, format: int64}, example: 10}
        - {name: announced, in: query, required: true, schema: {type: integer, format: int64}, example: 0}
        - {name: reason, in: query, schema: {type: string}, example: upgrade}
      responses:
        "200": {description: "{statement, signature}.", content: {application/json: {schema: {type: object, required: [statement, signature]}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/TooManyRequests"}
  /reload:
    post:
      summary: "Admin (bearer token): read the configuration file again (as SIGHUP does) and the operator set of targets_from."
      responses:
        "200": {description: "What changed: {targets, target_set, added, removed, changed, needs_restart}.", content: {application/json: {schema: {type: object, required: [targets, target_set, added, removed, changed, needs_restart]}}}}
        "400": {description: The file does not parse; detail names the file, line and key. Nothing changed., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409": {description: The node was not started from a configuration file., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
components:
  parameters:
    address: {name: address, in: query, required: true, schema: {type: string}, example: "0xNodeA123"}
    from: {name: from_timestamp, in: query, required: true, schema: {type: integer, format: int64}, example: 0}
    to: {name: to_timestamp, in: query, required: true, schema: {type: integer, format: int64}, example: 10}
    epoch: {name: epoch, in: path, required: true, schema: {type: integer, format: int64, minimum: 0}, description: "Epoch n covers [n·L, (n+1)·L) in Unix seconds."}
  responses:
    BadRequest: {description: A missing or malformed parameter., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    Unauthorized: {description: "No admin token, or the wrong one (routes that change state; the dashboard with auth.protect_dashboard).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    Forbidden: {description: This node has no admin token configured, so routes that change state are disabled., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    NotFound: {description: Unknown address (detail "Address not found") or a route this node's mode does not serve., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    TooManyRequests: {description: "Past this client's rate or the route's cap on requests in flight; retry after retry_after seconds (also the Retry-After header).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    TooEarly: {description: The window is not settled yet; retry after retry_after seconds (also the Retry-After header)., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    CatchingUp: {description: The node is still applying the replicated log., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    EpochNotSettled: {description: "The epoch has not ended max_event_age ago, or its signatures are still being collected; retry after retry_after seconds (also the Retry-After header).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    EpochDisagreement: {description: "No quorum signed this node's statement: detail names the roots and leaf counts the members computed, and which members signed which (the nodes' target lists or logs differ); also listed in /rejections.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    EpochNotFound: {description: "The epoch is before this node's first, the address is not a target of the epoch, or this node does not settle epochs.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
  schemas:
    Error:
      type: object
      required: [detail]
      properties: {detail: {type: string}, retry_after: {type: integer}}
    Health:
      type: object
      required: [status, targets, target_set, time]
      properties: {status: {type: string}, targets: {type: integer}, target_set: {type: string, description: "SHA-256 of the sorted addresses, one per line."}, time: {type: integer}}
    MaintenanceWindows:
      type: object
      required: [windows]
      properties:
        windows:
          type: array
          items: {type: object, required: [address, from, to, announced, reason]}
    Targets:
      type: object
      required: [targets]
      properties:
        targets:
          type: array
          items:
            type: object
            required: [address, check, endpoint, state, since, checks]
    Events:
      type: object
      required: [address, state, since, events]
      properties:
        events:
          type: array
          items: {type: object, required: [state, timestamp], properties: {zellular_index: {type: integer}, proof: {type: string}}}
    Downtime:
      type: object
      required: [address, from_timestamp, to_timestamp, total_downtime_seconds]
      properties: {signature: {type: string, description: "Verifiable mode: BLS signature (192 hex) over Address/Downtime/From/To."}}
    Attestation:
      type: object
      required: [address, state, timestamp, signature]
    DowntimeProof:
      type: object
      required: [address, from_timestamp, to_timestamp, total_downtime_seconds, aggregated_signature, non_signing_nodes, signers, quorum, message, as_of]
    Epochs:
      type: object
      required: [epochs]
      properties:
        epochs:
          type: array
          items:
            type: object
            required: [epoch, from_timestamp, to_timestamp, status]
            properties: {status: {type: string, enum: [pending, settled]}, root: {type: string, description: "0x + 64 hex, once settled."}}
    EpochReport:
      type: object
      required: [epoch, from_timestamp, to_timestamp, domain, registry_root, leaf_count, root, statement, aggregated_signature, non_signing_nodes, signers, quorum, leaves]
      properties:
        domain: {type: string, description: "0x + 64 hex."}
        registry_root: {type: string, description: "0x + 64 hex: keccak256 over the quorum rule and every member's key and stake."}
        root: {type: string, description: "0x + 64 hex: the StandardMerkleTree root over the leaves."}
        statement: {type: string, description: "0x + 64 hex: the 32 bytes the members BLS-sign (PoP ciphersuite)."}
        aggregated_signature: {type: string, description: "192 hex (compressed G2)."}
        leaves:
          type: array
          items: {type: object, required: [address, target_id, downtime_seconds]}
    InclusionProof:
      type: object
      required: [epoch, address, target_id, from_timestamp, to_timestamp, downtime_seconds, leaf, proof, root]
      properties: {proof: {type: array, items: {type: string}, description: "Sibling hashes from the leaf up."}}
    EpochSignature:
      type: object
      required: [epoch, node, root, leaf_count, statement, signature]
    Cluster:
      type: object
      required: [mode]
      properties:
        mode: {type: string, enum: [standalone, replicated, attested, verifiable]}
        members: {type: array, items: {type: object, required: [name, url, answers]}}
        zellular: {type: object, required: [app, gateway, cursor, lag]}
        settlement: {type: object, required: [epoch_seconds, first_epoch, domain, registry_root], description: "When the node settles epochs."}
"""#
}
