import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DiffView } from '@/components/diff-view/diff-view';
import { diffLines } from '@/components/diff-view/line-diff';

describe('diffLines', () => {
  it('should pair a replaced line with its replacement and keep equal lines aligned', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { kind: 'same', left: 'a', right: 'a', leftNo: 1, rightNo: 1 },
      { kind: 'changed', left: 'b', right: 'B', leftNo: 2, rightNo: 2 },
      { kind: 'same', left: 'c', right: 'c', leftNo: 3, rightNo: 3 },
      { kind: 'changed', left: null, right: 'd', leftNo: null, rightNo: 4 },
    ]);
  });

  it('should handle empty sides', () => {
    expect(diffLines('', 'x')).toEqual([{ kind: 'changed', left: null, right: 'x', leftNo: null, rightNo: 1 }]);
    expect(diffLines('x', '')).toEqual([{ kind: 'changed', left: 'x', right: null, leftNo: 1, rightNo: null }]);
  });
});

describe('DiffView', () => {
  it('should show changed lines side by side under the version labels and collapse unchanged sections', () => {
    render(
      <DiffView
        leftLabel="v1"
        rightLabel="v2"
        sections={[
          { title: 'Content', before: "SELECT 'v1' AS answer\nFROM t", after: "SELECT 'v2' AS answer\nFROM t\nWHERE id = {{ id }}" },
          { title: 'Settings', before: 'timeoutMs: 1000', after: 'timeoutMs: 1000' },
        ]}
      />,
    );
    const content = screen.getByRole('region', { name: 'Content diff' });
    expect(content).toHaveTextContent('2 changed lines');
    expect(within(content).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['v1', 'v2']);
    const rows = within(content).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['changed', 'same', 'changed']);
    expect(rows[0].querySelector('[data-side=left]')).toHaveTextContent("removed: SELECT 'v1' AS answer");
    expect(rows[0].querySelector('[data-side=right]')).toHaveTextContent("added: SELECT 'v2' AS answer");
    expect(rows[2].querySelector('[data-side=left]')).toHaveTextContent('');
    expect(rows[2].querySelector('[data-side=right]')).toHaveTextContent('added: WHERE id = {{ id }}');

    const settings = screen.getByRole('region', { name: 'Settings diff' });
    expect(settings).toHaveTextContent('No changes');
    expect(within(settings).queryByRole('table')).not.toBeInTheDocument();
  });
});
