import { baseLogName, type OutageObjectMapping } from '../../core/labeling';

/**
 * Which object each access log belongs to, when the user did not say: a per-server log whose
 * name contains exactly one object's short name (`access-MIS-WAS-A.log.gz` → `/MIS-WAS1/MIS-WAS-A`)
 * maps to it. If no log names an object, outages apply to every object (one shared log in front
 * of all servers, the paper's IIS setup). Returns the mapping and what was decided, for the user.
 */
export function autoLogObjects(logFiles: readonly string[], objects: readonly string[], explicit?: Record<string, string>): { mapping: OutageObjectMapping; notes: string[] } {
  const notes: string[] = [];
  const map: Record<string, string> = {};
  const shortOf = (o: string) => o.split('/').filter(Boolean).pop() ?? o;
  for (const file of logFiles) {
    const name = file.split(/[\\/]/).pop() ?? file;
    const fromUser = explicit?.[name] ?? explicit?.[baseLogName(name)];
    if (fromUser) {
      map[name] = fromUser;
      continue;
    }
    // Longest short name first so `WAS-A1` is not taken for `WAS-A`.
    const hits = objects.filter((o) => name.includes(shortOf(o))).sort((a, b) => shortOf(b).length - shortOf(a).length);
    const best = hits[0];
    if (best && !hits.slice(1).some((h) => shortOf(h).length === shortOf(best).length)) map[name] = best;
  }
  const mapped = Object.keys(map).length;
  if (mapped === 0) {
    notes.push(`no access log names a known object: outages apply to every object`);
    return { mapping: { by: 'all' }, notes };
  }
  for (const f of logFiles) {
    const name = f.split(/[\\/]/).pop() ?? f;
    notes.push(map[name] ? `${name} → ${map[name]}` : `${name} → no known object (its outages are kept under "${baseLogName(name)}")`);
  }
  return { mapping: { by: 'file', objects: map }, notes };
}
