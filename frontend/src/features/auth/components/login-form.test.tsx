import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LoginForm } from '@/features/auth/components/login-form';
import { renderWithApi } from '@/test/render';

const user = { id: 'u1', email: 'ada@example.com', name: 'Ada', isActive: true, isSuperuser: false, permissions: [] };

describe('LoginForm', () => {
  it('should show the message the server sent when the credentials are wrong', async () => {
    const onSuccess = vi.fn();
    renderWithApi(<LoginForm onSuccess={onSuccess} />, () => ({
      status: 401,
      body: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Incorrect email or password', requestId: 'req-1' },
    }));
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect email or password');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('should say how long to wait when login is throttled', async () => {
    renderWithApi(<LoginForm onSuccess={vi.fn()} />, () => ({
      status: 429,
      headers: { 'Retry-After': '42' },
      body: { code: 'AUTH_THROTTLED', message: 'Too many login attempts', requestId: 'req-2' },
    }));
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many login attempts Try again in 42 s.');
  });

  it('should validate the fields before calling the server', async () => {
    const { requests } = renderWithApi(<LoginForm onSuccess={vi.fn()} />, () => ({ status: 500 }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByText('Email is required')).toBeInTheDocument();
    expect(screen.getByText('Password is required')).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });

  it('should post the credentials and report success', async () => {
    const onSuccess = vi.fn();
    const { requests } = renderWithApi(<LoginForm onSuccess={onSuccess} />, () => ({
      status: 200,
      body: { accessToken: 't', tokenType: 'Bearer', expiresIn: 3600, user },
    }));
    await userEvent.type(screen.getByLabelText('Email'), ' ada@example.com ');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledOnce());
    expect(new URL(requests[0].url).pathname).toBe('/admin/v1/auth/login');
    expect(await requests[0].clone().json()).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
  });
});
