/** YAML as the fix writes it: setup layers and CloudFormation snippets, policy versions quoted. */
import { stringify } from "yaml";

/** A setup layer file's text: `extends:` the given path, then the layer. */
export function layerYaml(extendsPath: string, layer: Record<string, unknown>, comment?: string): string {
  const head = comment
    ? `${comment
        .split("\n")
        .map((l) => `# ${l}`)
        .join("\n")}\n`
    : "";
  return `${head}${quotedDates(stringify({ extends: extendsPath, ...layer }, { lineWidth: 0 }))}`;
}

/** Policy versions quoted: YAML 1.1 readers (CloudFormation among them) take a bare 2012-10-17 for a date. */
export function quotedDates(yaml: string): string {
  return yaml.replace(/^(\s*(?:- )?Version: )(\d{4}-\d{2}-\d{2})$/gm, '$1"$2"');
}

export function yamlText(value: unknown): string {
  return quotedDates(stringify(value, { lineWidth: 0 }));
}
