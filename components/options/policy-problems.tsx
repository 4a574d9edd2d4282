import type { PolicyProblem } from '@/lib/policy/policy-problem';
import { useT } from '../i18n-context';

/** What the admin's policy got wrong, so the agent can tell IT exactly that. */
export function PolicyProblems({ problems }: { problems: readonly PolicyProblem[] }) {
  const t = useT();
  const shown = problems.filter((problem) => problem.reason !== 'unavailable');
  if (shown.length === 0) return null;
  return (
    <section class="options-section policy-problems" aria-labelledby="policy-problems-heading">
      <h2 id="policy-problems-heading">{t('optionsPolicyProblems')}</h2>
      <ul>
        {shown.map((problem) => (
          <li key={`${problem.key}-${problem.reason}`}>
            <code>{problem.key}</code>: {problem.reason}
            {problem.expected ? ` (${problem.expected})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
