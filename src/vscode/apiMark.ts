/**
 * Imported first by extension.ts: the first `require('vscode')` of the bundle, after which it
 * marks the time. VS Code builds this extension's API object on that first require; the mark
 * lets activation timing tell VS Code's part from the evaluation of our own modules.
 */
import 'vscode';

(globalThis as { __runbookApiReady?: number }).__runbookApiReady = performance.now();
