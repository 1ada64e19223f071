import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the guest sign-in page with the suite installed', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The first render lazy-loads every plugin; a loaded CI machine needs a while.
    expect(
      await rendered.findByText('Guest', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(rendered.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  }, 60_000);
});
