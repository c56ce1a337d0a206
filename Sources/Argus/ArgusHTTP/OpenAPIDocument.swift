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
  /cluster:
    get:
      summary: Mode, members and whether they answer, quorum rule, Zellular cursor and lag, outbox depth.
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
      summary: Every target with uptime over 24 h / 7 d / 30 d and its uptime bar (48 × 30 min).
      responses:
        "200": {description: Summary., content: {application/json: {schema: {type: object, required: [now, bucket_seconds, targets]}}}}
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
      summary: The dashboard (self-contained HTML).
      responses:
        "200": {description: HTML page., content: {text/html: {schema: {type: string}}}}
components:
  parameters:
    address: {name: address, in: query, required: true, schema: {type: string}, example: "0xNodeA123"}
    from: {name: from_timestamp, in: query, required: true, schema: {type: integer, format: int64}, example: 0}
    to: {name: to_timestamp, in: query, required: true, schema: {type: integer, format: int64}, example: 10}
  responses:
    BadRequest: {description: A missing or malformed parameter., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    NotFound: {description: Unknown address (detail "Address not found") or a route this node's mode does not serve., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    TooManyRequests: {description: "Past this client's rate or the route's cap on requests in flight; retry after retry_after seconds (also the Retry-After header).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    TooEarly: {description: The window is not settled yet; retry after retry_after seconds (also the Retry-After header)., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    CatchingUp: {description: The node is still applying the replicated log., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
  schemas:
    Error:
      type: object
      required: [detail]
      properties: {detail: {type: string}, retry_after: {type: integer}}
    Health:
      type: object
      required: [status, targets, time]
      properties: {status: {type: string}, targets: {type: integer}, time: {type: integer}}
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
    Cluster:
      type: object
      required: [mode]
      properties:
        mode: {type: string, enum: [standalone, replicated, attested, verifiable]}
        members: {type: array, items: {type: object, required: [name, url, answers]}}
        zellular: {type: object, required: [app, gateway, cursor, lag]}
"""#
}
