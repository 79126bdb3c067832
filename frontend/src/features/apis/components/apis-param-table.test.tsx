import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApisParamTable } from '@/features/apis/components/apis-param-table';
import type { ParamDefinition } from '@/features/apis/schemas';

function Harness({ initial, discovered, pathNames, spy }: { initial: ParamDefinition[]; discovered: string[]; pathNames?: string[]; spy: (p: ParamDefinition[]) => void }) {
  const [params, setParams] = useState(initial);
  return (
    <ApisParamTable
      params={params}
      discovered={discovered}
      pathNames={pathNames}
      onChange={(next) => {
        spy(next);
        setParams(next);
      }}
    />
  );
}

const idParam: ParamDefinition = { name: 'id', location: 'query', type: 'integer', required: true };

describe('ApisParamTable', () => {
  it('should warn about undeclared template variables and add them, path names as path parameters', async () => {
    const spy = vi.fn();
    render(<Harness initial={[idParam]} discovered={['id', 'city', 'tenant']} pathNames={['tenant']} spy={spy} />);
    expect(screen.getByRole('status')).toHaveTextContent('Used but not declared: tenant, city');
    await userEvent.click(screen.getByRole('button', { name: 'Add from template' }));
    expect(spy).toHaveBeenLastCalledWith([
      idParam,
      { name: 'tenant', location: 'path', type: 'string', required: false },
      { name: 'city', location: 'query', type: 'string', required: false },
    ]);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('should edit type, required, typed default, sensitive and constraints of a row', async () => {
    const spy = vi.fn();
    render(<Harness initial={[{ name: 'limit', location: 'query', type: 'string', required: false }]} discovered={['limit']} spy={spy} />);
    await userEvent.selectOptions(screen.getByLabelText('limit type'), 'integer');
    await userEvent.click(screen.getByLabelText('limit required'));
    await userEvent.type(screen.getByLabelText('limit default'), '25');
    await userEvent.click(screen.getByLabelText('limit sensitive'));
    await userEvent.click(screen.getByRole('button', { name: 'limit constraints' }));
    await userEvent.type(screen.getByLabelText('limit minimum'), '1');
    await userEvent.type(screen.getByLabelText('limit maximum'), '100');
    expect(spy).toHaveBeenLastCalledWith([{ name: 'limit', location: 'query', type: 'integer', required: true, default: 25, sensitive: true, minimum: 1, maximum: 100 }]);
  });

  it('should flag invalid and duplicate names and a minimum above the maximum', async () => {
    render(
      <Harness
        initial={[idParam, { ...idParam }, { name: '9x', location: 'query', type: 'string', required: false }, { name: 'n', location: 'query', type: 'number', required: false, minimum: 5, maximum: 1 }]}
        discovered={[]}
        spy={vi.fn()}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Parameters' })).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('Duplicate name "id"');
    expect(rows[3]).toHaveTextContent('Letters, digits and _; not starting with a digit');
    expect(rows[4]).toHaveTextContent('Minimum is above maximum');
    expect(screen.getByText(/Declared but never read by the content: id, id, 9x, n/)).toBeInTheDocument();
  });

  it('should add a blank row and remove a row', async () => {
    const spy = vi.fn();
    render(<Harness initial={[idParam]} discovered={['id']} spy={spy} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    expect(spy).toHaveBeenLastCalledWith([idParam, { name: '', location: 'query', type: 'string', required: false }]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove id' }));
    expect(spy).toHaveBeenLastCalledWith([{ name: '', location: 'query', type: 'string', required: false }]);
  });
});
