using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RegionGrains.Gateway.Problems;

/// <summary>
/// Reads where a refused body field sits in the endpoint's body type, from the serializer's own metadata: whether the
/// field is one the type has at that place, and if not, which fields it does have there. The bodies refuse fields they
/// do not take (a misspelt <c>start</c> beside <c>startsAt</c> would otherwise book now what was meant for later), and
/// the serializer says only where it stopped.
/// </summary>
internal static class BodyShape
{
    /// <summary>
    /// When the last step of <paramref name="jsonPath"/> ("$.regions[0].definition.colour") names a field that the
    /// object at that place in <paramref name="bodyType"/> does not have: that object's fields; null when the field
    /// exists, or when the path leads somewhere the metadata cannot follow (a map's keys, a raw JSON value).
    /// </summary>
    public static IReadOnlyList<string>? FieldsBesideUnknown(Type bodyType, string? jsonPath, JsonSerializerOptions options)
    {
        if (Steps(jsonPath) is not { Count: > 0 } steps)
        {
            return null;
        }

        try
        {
            return FieldsBesideUnknown(bodyType, steps, options);
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // A type the serializer has no metadata for: the refusal is described without the list, never as a failure
            // of the exception handler itself.
            return null;
        }
    }

    private static IReadOnlyList<string>? FieldsBesideUnknown(Type bodyType, List<(string Name, bool IsIndex)> steps, JsonSerializerOptions options)
    {
        var type = bodyType;
        for (var i = 0; i < steps.Count; i++)
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            var (name, isIndex) = steps[i];
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object when !isIndex:
                    var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (property is null)
                    {
                        return i == steps.Count - 1 ? [.. info.Properties.Select(p => p.Name)] : null;
                    }

                    type = property.PropertyType;
                    break;
                case JsonTypeInfoKind.Enumerable when isIndex:
                case JsonTypeInfoKind.Dictionary when !isIndex:
                    type = info.ElementType!;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The steps of a JSON path as System.Text.Json writes it: names (".name" or "['name']") and indexes ("[3]").</summary>
    private static List<(string Name, bool IsIndex)>? Steps(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var steps = new List<(string, bool)>();
        var at = 1;
        while (at < path.Length)
        {
            if (path[at] == '.')
            {
                var end = path.IndexOfAny(['.', '['], at + 1);
                end = end < 0 ? path.Length : end;
                steps.Add((path[(at + 1)..end], false));
                at = end;
            }
            else if (path.AsSpan(at).StartsWith("['"))
            {
                var end = path.IndexOf("']", at + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                steps.Add((path[(at + 2)..end], false));
                at = end + 2;
            }
            else if (path[at] == '[')
            {
                var end = path.IndexOf(']', at + 1);
                if (end < 0)
                {
                    return null;
                }

                steps.Add((path[(at + 1)..end], true));
                at = end + 1;
            }
            else
            {
                return null;
            }
        }

        return steps;
    }
}
