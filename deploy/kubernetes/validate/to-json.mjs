// Converts a multi-document YAML stream (stdin) to one JSON array (stdout), so that tests without a YAML parser
// can read the rendered manifests:  kubectl kustomize deploy/kubernetes | node deploy/kubernetes/validate/to-json.mjs
import { parseAllDocuments } from "yaml";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
const objects = parseAllDocuments(text)
  .map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join("; "));
    return document.toJS();
  })
  .filter((object) => object !== null && object !== undefined);
process.stdout.write(JSON.stringify(objects));
