// The subset of SuperOffice's archive `$filter` syntax the stand-in answers (and Baton sends): clauses
// `<column> is|contains|begins|eq '<text>'` joined by `and` / `or` (left to right, no parentheses). A `''` inside a
// literal is one quote, as in OData. Anything else is a parse error, answered 400 like SuperOffice does.

export interface FilterClause {
  column: string;
  operator: 'is' | 'contains' | 'begins';
  value: string;
  /** How this clause joins the ones before it; undefined for the first. */
  join?: 'and' | 'or';
}

const CLAUSE = /\s*([A-Za-z][A-Za-z/]*)\s+(is|contains|begins|eq)\s+'((?:[^']|'')*)'\s*/y;
const JOIN = /(and|or)\s+/y;

export function parseFilter(filter: string): FilterClause[] | undefined {
  const clauses: FilterClause[] = [];
  let at = 0;
  let join: 'and' | 'or' | undefined;
  for (;;) {
    CLAUSE.lastIndex = at;
    const match = CLAUSE.exec(filter);
    if (!match) return undefined;
    const operator = match[2] === 'eq' ? 'is' : (match[2] as FilterClause['operator']);
    clauses.push({ column: match[1]!, operator, value: match[3]!.replace(/''/g, "'"), ...(join ? { join } : {}) });
    at = CLAUSE.lastIndex;
    if (at === filter.length) return clauses;
    JOIN.lastIndex = at;
    const joined = JOIN.exec(filter);
    if (!joined) return undefined;
    join = joined[1] as 'and' | 'or';
    at = JOIN.lastIndex;
  }
}

/** Whether a row passes the clauses; text compares case-insensitively, as SuperOffice's database collation does. */
export function passes(clauses: readonly FilterClause[], read: (column: string) => string | undefined): boolean {
  let result = true;
  clauses.forEach((clause, index) => {
    const value = (read(clause.column) ?? '').toLowerCase();
    const want = clause.value.toLowerCase();
    const hit = clause.operator === 'is' ? value === want : clause.operator === 'begins' ? value.startsWith(want) : value.includes(want);
    result = index === 0 ? hit : clause.join === 'or' ? result || hit : result && hit;
  });
  return result;
}
