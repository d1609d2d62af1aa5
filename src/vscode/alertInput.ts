/**
 * Getting an alert payload from the user: an input box that checks the JSON as it is typed or
 * pasted (the error names the field) and keeps the text when it is wrong, or — for payloads too
 * long for one line — an untitled JSON editor investigated with "Runbook: Investigate Alert in
 * Editor". Nothing the user pasted is ever lost: a bad payload stays where it was.
 */
import * as vscode from 'vscode';
import type { Incident } from '../core/incident';
import type { RunbookRuntime } from './runtimeApi';

const EDIT_IN_EDITOR: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Edit the payload in an editor' };

/** The error of a payload, as the user should read it (names the field), or undefined when valid. */
export function alertError(runtime: RunbookRuntime, text: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    runtime.parseAlert(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Asks for a payload in an input box; resolves the incident, or undefined when dismissed. */
export function askForAlert(runtime: RunbookRuntime, initial = ''): Promise<Incident | undefined> {
  const box = vscode.window.createInputBox();
  box.title = 'Runbook: Paste Alert JSON';
  box.placeholder = 'A CloudWatch alarm notification, an Alertmanager webhook or an incident { id, title, startedAt, service, target }';
  box.prompt = 'Paste the payload and press Enter. Long payload? Use the button to edit it in an editor.';
  box.value = initial;
  box.ignoreFocusOut = true;
  box.buttons = [EDIT_IN_EDITOR];
  return new Promise((resolve) => {
    let settled = false;
    const done = (incident: Incident | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(incident);
      box.dispose();
    };
    const check = (): void => {
      box.validationMessage = alertError(runtime, box.value);
    };
    box.onDidChangeValue(check);
    box.onDidAccept(() => {
      if (!box.value.trim()) return;
      try {
        done(runtime.parseAlert(box.value));
      } catch (error) {
        // Keep the box (and the text) open with the error: the user fixes it in place.
        box.validationMessage = error instanceof Error ? error.message : String(error);
      }
    });
    box.onDidTriggerButton(async (button) => {
      if (button !== EDIT_IN_EDITOR) return;
      const text = box.value;
      done(undefined);
      await openAlertEditor(text);
    });
    box.onDidHide(() => done(undefined));
    box.show();
    if (initial) check();
  });
}

/** An untitled JSON editor holding `text` (or a skeleton), with a hint on how to investigate it. */
export async function openAlertEditor(text: string): Promise<void> {
  const content = text.trim() ? prettyIfJson(text) : ALERT_SKELETON;
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(document, { preview: false });
  void vscode.window.showInformationMessage('Runbook: edit the alert, then run "Runbook: Investigate Alert in Editor" (the flame button in the editor title).');
}

function prettyIfJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A minimal incident, so the editor shows the fields an investigation needs. */
const ALERT_SKELETON = `${JSON.stringify(
  {
    id: 'INC-0000',
    title: 'checkout 5xx above 5%',
    source: 'alert-json',
    startedAt: new Date(0).toISOString(),
    service: 'checkout',
    target: { platform: 'ecs', cluster: 'prod', service: 'checkout', region: 'us-east-1' },
  },
  null,
  2,
)}\n`;
