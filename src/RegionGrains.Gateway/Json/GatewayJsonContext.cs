using System.Text.Json;
using System.Text.Json.Serialization;
using RegionGrains.Gateway.Consumers;
using RegionGrains.Gateway.Events;
using RegionGrains.Gateway.Footprint;
using RegionGrains.Gateway.Placement;
using RegionGrains.Gateway.Regions;
using RegionGrains.Gateway.Reservations;

namespace RegionGrains.Gateway.Json;

/// <summary>
/// Serialization metadata for every request and response body of the gateway, generated at build time, so that no
/// request pays for reflection over these types. First in the HTTP JSON options' resolver chain; the options' own
/// converters (enums as their names) still apply.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RegionResponse))]
[JsonSerializable(typeof(RegionResponse[]))]
[JsonSerializable(typeof(RegionDefinitionRequest))]
[JsonSerializable(typeof(RegionBatchRequest))]
[JsonSerializable(typeof(RegionBatchResponse))]
[JsonSerializable(typeof(StatusChangeRequest))]
[JsonSerializable(typeof(CapacityRequest))]
[JsonSerializable(typeof(ReservationCreateRequest))]
[JsonSerializable(typeof(ReservationPatchRequest))]
[JsonSerializable(typeof(ReservationResponse))]
[JsonSerializable(typeof(ReservationResponse[]))]
[JsonSerializable(typeof(ShortfallResponse[]))]
[JsonSerializable(typeof(RegionEventResponse[]))]
[JsonSerializable(typeof(FootprintResponse))]
[JsonSerializable(typeof(ConsumerResponse))]
[JsonSerializable(typeof(AllocationsRequest))]
[JsonSerializable(typeof(AllocationsResponse))]
[JsonSerializable(typeof(MoveCreateRequest))]
[JsonSerializable(typeof(UsageResponse))]
[JsonSerializable(typeof(PlacementCandidatesResponse))]
[JsonSerializable(typeof(PlacementReservationRequest))]
[JsonSerializable(typeof(PlacementAttemptResponse[]))]
[JsonSerializable(typeof(EventRuleRequest))]
[JsonSerializable(typeof(EventRuleResponse))]
[JsonSerializable(typeof(WebhookDeliveryResponse[]))]
[JsonSerializable(typeof(StreamHead))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
