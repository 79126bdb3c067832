import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export type CodeLanguage = 'sql' | 'javascript';

export interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  language: CodeLanguage;
  /** Accessible name of the editing surface. */
  label: string;
  /** Words offered by completion: declared parameter names (`params.x` in scripts), macro names. */
  completions?: string[];
  /** 1-based line to mark as failing (from a test run); null clears the mark. */
  errorLine?: number | null;
  readOnly?: boolean;
  minHeight?: string;
}

const setErrorLine = StateEffect.define<number | null>();
const errorLineMark = Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': 'true' } });

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next = line && line <= tr.state.doc.lines ? Decoration.set([errorLineMark.range(tr.state.doc.line(line).from)]) : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid var(--cm-border, #d4d4d8)', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid rgb(99 102 241 / 0.4)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
  '.cm-gutters': { backgroundColor: 'transparent', borderRight: '1px solid var(--cm-border, #d4d4d8)', color: '#a1a1aa' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgb(99 102 241 / 0.07)' },
  '.cm-error-line': { backgroundColor: 'rgb(239 68 68 / 0.15)' },
});

/** Completion of the given words, plus `{{ name }}` after an opening `{{` in templates. */
function wordCompletion(words: string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[\w.$]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return {
      from: word.from,
      options: words.map((label) => ({ label, type: label.startsWith('params.') ? 'property' : 'variable', boost: 10 })),
      validFor: /^[\w.$]*$/,
    };
  };
}

function languageExtension(language: CodeLanguage, words: string[]): Extension {
  const lang = language === 'sql' ? sql({ dialect: PostgreSQL }) : javascript();
  const completion = lang.language.data.of({ autocomplete: wordCompletion(words) });
  return [lang, completion];
}

/** CodeMirror 6 editor shared by APIs and macros: SQL (Nunjucks templates) or JavaScript. */
export function CodeEditor({ value, onChange, language, label, completions = [], errorLine = null, readOnly = false, minHeight = '16rem' }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const readOnlySlot = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          autocompletion({ activateOnTyping: true }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
          languageSlot.current.of(languageExtension(language, completions)),
          readOnlySlot.current.of(EditorState.readOnly.of(readOnly)),
          errorLineField,
          theme,
          EditorView.theme({ '.cm-content, .cm-gutter': { minHeight } }),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are applied by the effects below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  const completionKey = completions.join('\n');
  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageExtension(language, completionKey ? completionKey.split('\n') : [])) });
  }, [language, completionKey]);

  useEffect(() => {
    view.current?.dispatch({ effects: readOnlySlot.current.reconfigure(EditorState.readOnly.of(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const effects: StateEffect<unknown>[] = [setErrorLine.of(errorLine)];
    if (errorLine && errorLine <= editor.state.doc.lines) {
      const line = editor.state.doc.line(errorLine);
      effects.push(EditorView.scrollIntoView(line.from, { y: 'center' }));
      editor.dispatch({ effects, selection: { anchor: line.from } });
    } else {
      editor.dispatch({ effects });
    }
  }, [errorLine]);

  return <div ref={host} data-testid="code-editor" className="code-editor bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100 dark:[--cm-border:#3f3f46]" />;
}
