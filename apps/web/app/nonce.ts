import { createContext, useContext } from 'react';

/**
 * The Content-Security-Policy nonce of the response being rendered: the server's per-response value,
 * and in the browser the same value read back from a script element (entry.client.tsx).
 */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = (): string | undefined => useContext(NonceContext);
