import { ChangeLevel, type ContractChange, ContractKind } from './contract-change';

/** A JSON Schema node, as `z.toJSONSchema` writes it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Event type → the JSON Schema of its payload: the shape of `contracts/baseline/events.json`. */
export type EventSchemas = Readonly<Record<string, JsonSchema>>;

/**
 * Bounds that only narrow what is accepted when they grow (lower) or shrink (upper). A consumer
 * whose schema narrows rejects messages that producers built against the baseline still send.
 */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const;
/** Keywords whose added or changed value narrows what is accepted, in a way a comparator cannot measure. */
const RESTRICTIONS = ['format', 'pattern'] as const;
/** Keywords compared below; any other keyword that differs is reported as breaking, to be safe. */
const COMPARED = new Set<string>([
  'type',
  'enum',
  'properties',
  'required',
  'items',
  'description',
  'default',
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...RESTRICTIONS,
]);
/** Annotations that no validator reads. */
const IGNORED = new Set(['$schema', 'title', 'examples']);

/**
 * Compares event payload schemas for consumers. An event lives in queues and outboxes while
 * producers and consumers are deployed one at a time, so both directions count: a consumer must
 * accept what producers built against the baseline still send, and a consumer built against the
 * baseline must accept what producers send now. Breaking: a removed event type, a removed (or
 * renamed) field, a changed type, a new required field, an optional field made required, a
 * narrowed enum or bound, a new format or pattern. Dangerous: a widened type, enum or bound, a
 * field made optional, a changed default. Safe: a new event type, a new optional field, a changed
 * description. Incompatible changes are made as a new `.v<N+1>` type published beside the old one.
 */
export function diffEventSchemas(baseline: EventSchemas, current: EventSchemas): ContractChange[] {
  const changes: ContractChange[] = [];
  for (const type of [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort()) {
    const before = baseline[type];
    const after = current[type];
    if (!after) changes.push(change(ChangeLevel.Breaking, type, [], 'event type removed: its consumers receive nothing more'));
    else if (!before) changes.push(change(ChangeLevel.Safe, type, [], 'event type added'));
    else diffNode(before, after, type, [], changes);
  }
  return changes;
}

function diffNode(before: JsonSchema, after: JsonSchema, type: string, path: readonly string[], changes: ContractChange[]): void {
  const report: Report = (level, message) => changes.push(change(level, type, path, message));
  diffTypes(before.type, after.type, report);
  diffEnum(before.enum, after.enum, report);
  diffProperties(before, after, type, path, changes);
  if (isSchema(before.items) && isSchema(after.items)) diffNode(before.items, after.items, type, [...path, '[]'], changes);
  else if (differs(before.items, after.items))
    report(ChangeLevel.Breaking, `items changed from ${show(before.items)} to ${show(after.items)}`);
  for (const bound of LOWER_BOUNDS) diffBound(bound, before[bound], after[bound], 'lower', report);
  for (const bound of UPPER_BOUNDS) diffBound(bound, before[bound], after[bound], 'upper', report);
  for (const keyword of RESTRICTIONS) {
    if (!differs(before[keyword], after[keyword])) continue;
    if (after[keyword] === undefined)
      report(ChangeLevel.Dangerous, `${keyword} ${show(before[keyword])} dropped: consumers built against the baseline still require it`);
    else report(ChangeLevel.Breaking, `${keyword} changed from ${show(before[keyword])} to ${show(after[keyword])}`);
  }
  if (differs(before.default, after.default))
    report(ChangeLevel.Dangerous, `default changed from ${show(before.default)} to ${show(after.default)}`);
  if (differs(before.description, after.description)) report(ChangeLevel.Safe, 'description changed');
  for (const keyword of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (COMPARED.has(keyword) || IGNORED.has(keyword) || !differs(before[keyword], after[keyword])) continue;
    report(ChangeLevel.Breaking, `${keyword} changed from ${show(before[keyword])} to ${show(after[keyword])}`);
  }
}

type Report = (level: ChangeLevel, message: string) => void;

function diffTypes(before: unknown, after: unknown, report: Report): void {
  const old = typeSet(before);
  const now = typeSet(after);
  // Every integer is a number: integer → number widens, it does not remove anything.
  const removed = [...old].filter((type) => !now.has(type) && !(type === 'integer' && now.has('number')));
  const added = [...now].filter((type) => !old.has(type));
  if (removed.length > 0) report(ChangeLevel.Breaking, `type changed from ${[...old].join(' | ')} to ${[...now].join(' | ') || 'any'}`);
  else if (added.length > 0)
    report(
      ChangeLevel.Dangerous,
      `type widened to ${[...now].join(' | ')}: consumers built against the baseline reject ${added.join(', ')}`,
    );
}

function diffEnum(before: unknown, after: unknown, report: Report): void {
  if (!differs(before, after)) return;
  if (!Array.isArray(after)) return report(ChangeLevel.Dangerous, 'enum dropped: any value of the type is now accepted');
  if (!Array.isArray(before)) return report(ChangeLevel.Breaking, `enum added: only ${show(after)} are accepted`);
  const removed = before.filter((value) => !after.some((other) => !differs(value, other)));
  const added = after.filter((value) => !before.some((other) => !differs(value, other)));
  if (removed.length > 0) report(ChangeLevel.Breaking, `enum narrowed: ${show(removed)} no longer accepted`);
  if (added.length > 0) report(ChangeLevel.Dangerous, `enum widened with ${show(added)}: consumers built against the baseline reject it`);
}

function diffProperties(before: JsonSchema, after: JsonSchema, type: string, path: readonly string[], changes: ContractChange[]): void {
  const oldProperties = propertiesOf(before);
  const newProperties = propertiesOf(after);
  const oldRequired = requiredOf(before);
  const newRequired = requiredOf(after);
  const names = [...new Set([...Object.keys(oldProperties), ...Object.keys(newProperties)])].sort();
  for (const name of names) {
    const at = [...path, name];
    const report = (level: ChangeLevel, message: string) => changes.push(change(level, type, at, message));
    const old = oldProperties[name];
    const now = newProperties[name];
    if (!now) report(ChangeLevel.Breaking, 'field removed (or renamed): consumers built against the baseline read it');
    else if (!old) {
      if (newRequired.has(name)) report(ChangeLevel.Breaking, 'new required field: messages already sent lack it');
      else report(ChangeLevel.Safe, 'optional field added');
    } else {
      if (!oldRequired.has(name) && newRequired.has(name)) report(ChangeLevel.Breaking, 'now required: messages already sent may lack it');
      if (oldRequired.has(name) && !newRequired.has(name)) {
        report(ChangeLevel.Dangerous, 'now optional: consumers built against the baseline reject messages without it');
      }
      diffNode(old, now, type, at, changes);
    }
  }
}

function diffBound(keyword: string, before: unknown, after: unknown, side: 'lower' | 'upper', report: Report): void {
  if (!differs(before, after)) return;
  const narrowed = typeof before !== 'number' || (typeof after === 'number' && (side === 'lower' ? after > before : after < before));
  if (after === undefined)
    report(ChangeLevel.Dangerous, `${keyword} ${show(before)} dropped: consumers built against the baseline still enforce it`);
  else if (narrowed) report(ChangeLevel.Breaking, `${keyword} narrowed from ${show(before)} to ${show(after)}`);
  else
    report(
      ChangeLevel.Dangerous,
      `${keyword} widened from ${show(before)} to ${show(after)}: consumers built against the baseline still enforce it`,
    );
}

function change(level: ChangeLevel, type: string, path: readonly string[], message: string): ContractChange {
  const field = path.join('.').replace(/\.\[\]/g, '[]');
  return { contract: ContractKind.Events, level, path: field ? `${type}: ${field}` : type, message };
}

function typeSet(value: unknown): Set<string> {
  if (typeof value === 'string') return new Set([value]);
  return new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
}

function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return isSchema(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}

function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function differs(a: unknown, b: unknown): boolean {
  return canonical(a) !== canonical(b);
}

/** JSON with sorted keys, so that two schemas differing only in key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isSchema(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

const SHOWN_LENGTH = 60;

function show(value: unknown): string {
  if (value === undefined) return 'none';
  const text = JSON.stringify(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}
