// Validates Kubernetes manifests offline: every document against the schema of its kind
// (kubernetes-models: Kubernetes' OpenAPI schema; @kubernetes-models/prometheus-operator: the
// operator's CRDs), then gpu-doctor's own rules for its DaemonSet. The schemas allow unknown
// fields, so a misspelt optional field (hostPid) passes them: the rules catch the ones that
// matter. Usage: node validate.mjs FILE...  Exit status 1 names every problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// Where the model of an apiVersion's kind is: core (v1), another Kubernetes group, the operator's.
async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const base = group === "monitoring.coreos.com" ? `@kubernetes-models/prometheus-operator/${group}`
    : group === "" ? "kubernetes-models" : `kubernetes-models/${group}`;
  return (await import(`${base}/${version}/${kind}`))[kind];
}

function daemonSetRules(ds) {
  const problems = [];
  const pod = ds.spec?.template?.spec ?? {};
  const c = (pod.containers ?? []).find((x) => x.name === "gpu-doctor");
  if (pod.hostPID !== true) problems.push("spec.template.spec.hostPID must be true");
  // Pods reach their node's agent at status.hostIP with their own address as the source.
  if (pod.hostNetwork !== true) problems.push("spec.template.spec.hostNetwork must be true");
  if (pod.hostNetwork === true && pod.dnsPolicy !== "ClusterFirstWithHostNet")
    problems.push("dnsPolicy must be ClusterFirstWithHostNet with hostNetwork");
  if (!c) return [...problems, "no container named gpu-doctor"];
  const sc = c.securityContext ?? {};
  const caps = sc.capabilities ?? {};
  if (JSON.stringify([...(caps.add ?? [])].sort()) !== JSON.stringify(["DAC_READ_SEARCH", "SYS_PTRACE"]))
    problems.push("capabilities.add must be exactly SYS_PTRACE and DAC_READ_SEARCH");
  if (JSON.stringify(caps.drop) !== JSON.stringify(["ALL"])) problems.push("capabilities.drop must be [ALL]");
  if (sc.privileged === true) problems.push("must not be privileged");
  if (sc.allowPrivilegeEscalation !== false) problems.push("allowPrivilegeEscalation must be false");
  if (sc.readOnlyRootFilesystem !== true) problems.push("readOnlyRootFilesystem must be true");
  if (!(c.args ?? []).includes("--path.rootfs=/host")) problems.push("args must include --path.rootfs=/host");
  const listen = (c.args ?? []).find((a) => a.startsWith("--web.listen-address="));
  if (listen && /=(127\.|localhost|\[::1\])/.test(listen))
    problems.push("--web.listen-address must not be loopback only: pods call the node's address");
  const hostVolumes = new Set((pod.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name));
  for (const m of c.volumeMounts ?? []) {
    if (hostVolumes.has(m.name) && m.readOnly !== true) problems.push(`host mount ${m.mountPath} must be readOnly`);
  }
  if (![...hostVolumes].length) problems.push("the host's root must be mounted");
  if (c.livenessProbe?.httpGet?.path !== "/healthz") problems.push("livenessProbe must GET /healthz");
  if (c.readinessProbe?.httpGet?.path !== "/readyz") problems.push("readinessProbe must GET /readyz");
  if (!c.resources?.limits?.memory) problems.push("resources.limits.memory must be set");
  if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) problems.push("resources.requests must be set");
  if (!pod.nodeSelector || !(pod.tolerations ?? []).length) problems.push("nodeSelector and tolerations must be set");
  return problems;
}

let failed = false;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      failed = true;
      doc.errors.forEach((e) => console.error(`${file}: ${e.message}`));
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) continue;
    const name = `${obj.kind}/${obj.metadata?.name}`;
    let problems = [];
    try {
      const Model = await modelOf(String(obj.apiVersion), String(obj.kind));
      new Model(obj).validate();
    } catch (e) {
      problems.push(e.code === "ERR_MODULE_NOT_FOUND" ? `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}` : e.message);
    }
    if (obj.kind === "DaemonSet" && obj.metadata?.name === "gpu-doctor") problems.push(...daemonSetRules(obj));
    checked++;
    if (problems.length) {
      failed = true;
      problems.forEach((p) => console.error(`${file}: ${name}: ${p}`));
    } else {
      console.log(`ok ${file}: ${name}`);
    }
  }
}
if (checked === 0) {
  console.error("no manifest checked");
  failed = true;
}
process.exit(failed ? 1 : 0);
