import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { ApisTestConsole } from '@/features/apis/components/apis-test-console';
import type { ParamDefinition } from '@/features/apis/schemas';
import type { TestRunResult } from '@/features/apis/types';

const params: ParamDefinition[] = [
  { name: 'minAge', location: 'query', type: 'integer', required: true },
  { name: 'active', location: 'query', type: 'boolean', required: false, default: true },
  { name: 'cities', location: 'query', type: 'array', items: 'string', required: false },
  { name: 'country', location: 'query', type: 'string', required: false, default: 'VN' },
];

const okRun: TestRunResult = {
  success: true,
  statements: [{ sql: 'SELECT name, age FROM people WHERE age >= $1 AND city IN ($2, $3)', values: [30, 'Hanoi', 'Hue'] }],
  result: { success: true, message: null, data: [{ name: 'An', age: 31 }, { name: 'Binh', age: null }] },
  rowCount: 2,
  timings: { renderMs: 0.4, queueMs: 0.1, executeMs: 2.5, transformMs: 0, totalMs: 3.2 },
};

function Harness({ run, onShowLine }: { run: (values: Record<string, unknown>) => Promise<TestRunResult>; onShowLine?: (line: number) => void }) {
  const [result, setResult] = useState<TestRunResult>();
  const [error, setError] = useState<unknown>(null);
  return (
    <ApisTestConsole
      params={params}
      running={false}
      result={result}
      error={error}
      onShowLine={onShowLine}
      onRun={(values) => run(values).then(setResult, setError)}
    />
  );
}

describe('ApisTestConsole', () => {
  it('should send typed values from the generated form, leaving empty fields to their defaults', async () => {
    const run = vi.fn().mockResolvedValue(okRun);
    render(<Harness run={run} />);
    await userEvent.type(screen.getByLabelText(/minAge/), '30');
    await userEvent.selectOptions(screen.getByLabelText(/active/), 'false');
    await userEvent.type(screen.getByLabelText(/cities/), 'Hanoi, Hue');
    expect(screen.getByLabelText(/country/)).toHaveAttribute('placeholder', 'default VN');
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(run).toHaveBeenCalledWith({ minAge: 30, active: false, cities: ['Hanoi', 'Hue'] });
  });

  it('should show rows as a table, the bound SQL, the JSON envelope and the timings', async () => {
    render(<Harness run={vi.fn().mockResolvedValue(okRun)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    const table = await screen.findByRole('table', { name: 'Result rows' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['name', 'age']);
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent('BinhNULL');
    expect(screen.getByText('2 rows · 3.2 ms')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Statements (1)' }));
    expect(screen.getByLabelText('Statement 1')).toHaveTextContent('SELECT name, age FROM people WHERE age >= $1 AND city IN ($2, $3)');
    expect(screen.getByLabelText('Bound values of statement 1')).toHaveTextContent('$130$2"Hanoi"$3"Hue"');

    await userEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    expect(JSON.parse(screen.getByLabelText('Response JSON').textContent!)).toEqual(okRun.result);

    await userEvent.click(screen.getByRole('tab', { name: 'Timings' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('Execute2.5 ms');
  });

  it('should show a run error and move the editor to its line', async () => {
    const onShowLine = vi.fn();
    const failed: TestRunResult = {
      success: false,
      statements: [],
      result: { success: false, message: 'Template error', data: [] },
      rowCount: 0,
      timings: { renderMs: 0.2, queueMs: 0, executeMs: 0, transformMs: 0, totalMs: 1 },
      error: { code: 'TEMPLATE_ERROR', message: 'unknown filter "sql_strin"', line: 3, column: 14 },
    };
    render(<Harness run={vi.fn().mockResolvedValue(failed)} onShowLine={onShowLine} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('TEMPLATE_ERROR unknown filter "sql_strin"');
    expect(screen.getByRole('tab', { name: 'Statements (0)' })).toHaveAttribute('aria-selected', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Go to line 3:14' }));
    expect(onShowLine).toHaveBeenCalledWith(3);
  });

  it('should list the parameters the run refused', async () => {
    const refused: TestRunResult = {
      success: false,
      statements: [],
      result: { success: false, message: 'Invalid parameters', data: [] },
      rowCount: 0,
      timings: { renderMs: 0, queueMs: 0, executeMs: 0, transformMs: 0, totalMs: 0.3 },
      error: { code: 'VALIDATION_FAILED', message: 'Invalid parameters', params: [{ param: 'minAge', message: 'is required' }] },
    };
    render(<Harness run={vi.fn().mockResolvedValue(refused)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('list', { name: 'Parameter errors' })).toHaveTextContent('minAge: is required');
    expect(screen.queryByRole('button', { name: /Go to line/ })).not.toBeInTheDocument();
  });

  it("should show the server's message when the call itself fails", async () => {
    render(<Harness run={vi.fn().mockRejectedValue(new ApiError('Data source "warehouse" is inactive', 409, 'DATASOURCE_INACTIVE'))} />);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Data source "warehouse" is inactive');
  });
});
