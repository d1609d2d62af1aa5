/**
 * runbook.setApiKey / runbook.clearApiKey: the Anthropic API key, kept in VS Code's SecretStorage
 * (the OS keychain), never in settings.json. Without a key the deterministic rule reasoner runs.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';

export const API_KEY_SECRET = 'runbook.anthropicApiKey';

export async function setApiKey(services: Services): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: 'Runbook: Set API Key',
    prompt: 'Your Anthropic API key. It is stored in VS Code\'s secret storage (the OS keychain), never in settings.',
    placeHolder: 'sk-ant-…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() && !/^\S+$/.test(value.trim()) ? 'An API key has no spaces.' : undefined),
  });
  if (!key?.trim()) return false;
  await services.context.secrets.store(API_KEY_SECRET, key.trim());
  services.log.info('Anthropic API key stored in secret storage');
  void vscode.window.showInformationMessage('Runbook: API key saved in secret storage. Use "Runbook: Clear API Key" to remove it.');
  return true;
}

export async function clearApiKey(services: Services): Promise<void> {
  await services.context.secrets.delete(API_KEY_SECRET);
  services.log.info('Anthropic API key removed from secret storage');
  void vscode.window.showInformationMessage('Runbook: API key removed; investigations use the rule-based reasoner.');
}
