/**
 * The host vault's credential summaries (names, kinds, which fields are set: never values),
 * shared by the pickers and the credentials dialog so a credential created in one shows in all.
 */
import { create } from 'zustand';
import type { CredentialSummary } from '../../core/credentials.js';

interface VaultState {
  list: CredentialSummary[];
  loaded: boolean;
  /** Why the list could not be read; worded where it is shown (hostErrorText), in the UI language. */
  error?: unknown;
  refresh(): Promise<void>;
}

export const useVault = create<VaultState>()((set) => ({
  list: [],
  loaded: false,
  error: undefined,
  async refresh() {
    try {
      const list = await window.host.listCredentials();
      set({ list: [...list].sort((a, b) => a.name.localeCompare(b.name)), loaded: true, error: undefined });
    } catch (error) {
      set({ loaded: true, error });
    }
  },
}));
