import { useQuery } from '@tanstack/react-query';
import { Card, PageHeader } from '@/components/ui/feedback';
import { meQueryOptions } from '@/features/auth/api';
import { SettingsPasswordForm } from '@/features/settings/components/settings-password-form';
import { SettingsProfileForm } from '@/features/settings/components/settings-profile-form';
import { SettingsThemeForm } from '@/features/settings/components/settings-theme-form';

export function SettingsPage() {
  const { data: me } = useQuery(meQueryOptions());
  return (
    <>
      <PageHeader title="Settings" description="Your profile, password and appearance." />
      <div className="space-y-6">
        <Card title="Profile">{me && <SettingsProfileForm key={me.name} email={me.email} name={me.name} />}</Card>
        <Card title="Password" description="Your other sessions are signed out; this one stays signed in.">
          <SettingsPasswordForm />
        </Card>
        <Card title="Appearance" description="Stored in this browser.">
          <SettingsThemeForm />
        </Card>
      </div>
    </>
  );
}
