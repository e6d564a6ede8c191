import { Fragment } from 'react';
import { ModalFrame } from './ModalFrame';
import { SHORTCUTS } from '../../lab/settings/shortcuts';

interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
}

/** The "Keyboard shortcuts" dialog: every shortcut of the page, from the same list the keys are read with. */
export function ShortcutsDialog({ open, onClose }: ShortcutsDialogProps) {
  return (
    <ModalFrame
      open={open}
      onClose={onClose}
      className="shortcuts-dialog"
      title="Keyboard shortcuts"
      note="They work when you are not typing in a field, and never with Ctrl, Alt or Cmd. While this list is open, Esc closes it and does nothing else: press Esc again to stop a run."
    >
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys.join(' ')}>
              <td>
                {shortcut.labels.map((label, index) => (
                  <Fragment key={label}>
                    {index > 0 && ' or '}
                    <kbd>{label}</kbd>
                  </Fragment>
                ))}
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalFrame>
  );
}
