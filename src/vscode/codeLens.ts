/**
 * CodeLens above the source lines an open investigation implicates — stack frames of cited log
 * patterns and the lines that print them: "Runbook: 4,210 errors since 10:21 · H2 OOM after
 * deploy". Clicking one opens its evidence. Lenses disappear when the investigation is closed.
 */
import * as vscode from 'vscode';
import type { TemplateSourceIndex } from './templateSourceIndex';

export class RunbookCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: TemplateSourceIndex) {
    this.subscription = index.onDidChange(() => this.changeEmitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('runbook').get<boolean>('codeLens.enabled', true)) return [];
    return this.index.sourcesFor(document).flatMap((source) => {
      const lineIndex = source.line - 1;
      if (lineIndex < 0 || lineIndex >= document.lineCount) return [];
      const range = document.lineAt(lineIndex).range;
      const command: vscode.Command = source.evidenceId
        ? { title: source.title, command: 'runbook.showEvidence', arguments: [{ kind: 'evidence', evidenceId: source.evidenceId }], tooltip: 'Show the evidence behind this line' }
        : { title: source.title, command: 'runbook.investigation.focus', tooltip: 'Show the investigation' };
      return [new vscode.CodeLens(range, command)];
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
