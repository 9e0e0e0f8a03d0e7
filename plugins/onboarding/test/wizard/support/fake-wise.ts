import { startFakeHttpServer, type FakeHttpServer } from '@platform/testing';

export interface FakeWise {
  server: FakeHttpServer;
  url: string;
  /** The token Wise accepts. */
  token: string;
  profiles: { id: number; type: 'personal' | 'business' }[];
  close(): Promise<void>;
}

/** A local Wise API: `GET /v1/profiles` with a bearer token, answered in Wise's shape (401 for another token). */
export async function startFakeWise(): Promise<FakeWise> {
  const token = 'a1b2c3d4-e5f6-4a1b-9c2d-3e4f5a6b7c8d';
  const profiles = [
    { id: 14_556_001, type: 'personal' as const },
    { id: 14_556_002, type: 'business' as const },
  ];
  const server = await startFakeHttpServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && req.path === '/v1/profiles') {
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.statusCode = 401;
        return void res.end(JSON.stringify({ error: 'invalid_token', error_description: 'Invalid token' }));
      }
      return void res.end(
        JSON.stringify([
          { id: profiles[0].id, type: 'personal', details: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-01-01' } },
          { id: profiles[1].id, type: 'business', details: { name: 'Acme Trading Ltd', registrationNumber: '07209813' } },
        ]),
      );
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ errors: [{ code: 'NOT_FOUND' }] }));
  });
  return { server, url: server.url, token, profiles, close: () => server.close() };
}
