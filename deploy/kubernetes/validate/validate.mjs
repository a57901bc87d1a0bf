// Validates Kubernetes manifests offline against the API schemas of kubernetes-models.
//   kubectl kustomize deploy/kubernetes | node deploy/kubernetes/validate/validate.mjs
// Reads a multi-document YAML stream from stdin; prints one line per object and exits 1 when any is invalid
// or of a kind this validator does not know (an unknown kind is an error, never a silent pass).
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
});

const documents = parseAllDocuments(input);
let failures = 0;
let count = 0;
for (const document of documents) {
  if (document.errors.length > 0) {
    console.log(`INVALID YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    failures++;
    continue;
  }
  const object = document.toJS();
  if (object === null || object === undefined) continue;
  count++;
  const { apiVersion, kind } = object;
  const name = `${kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    console.log(`INVALID ${name}: apiVersion and kind are required`);
    failures++;
    continue;
  }
  // "apps/v1" -> kubernetes-models/apps/v1; "v1" -> kubernetes-models/v1.
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    console.log(`UNKNOWN ${name}: no models for apiVersion ${apiVersion}`);
    failures++;
    continue;
  }
  const Model = models[kind];
  if (typeof Model !== "function") {
    console.log(`UNKNOWN ${name}: ${apiVersion} has no kind ${kind}`);
    failures++;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`valid ${apiVersion} ${name}`);
  } catch (error) {
    console.log(`INVALID ${apiVersion} ${name}: ${error.message}`);
    failures++;
  }
}

if (count === 0) {
  console.log("INVALID: no object in the input");
  failures++;
}
console.log(`${count} objects, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
