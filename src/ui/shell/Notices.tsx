// The banner (a problem the user must read: bad link, failed import, crashed worker) and the
// toast (a passing confirmation).

import { useLab } from '../store/labStore';
import { useEditedSince } from '../store/editedSince';

export function Banner() {
  const banner = useLab((s) => s.banner);
  const edited = useEditedSince(banner?.action?.whileText);
  if (!banner) return null;
  return (
    <div className={`banner banner--${banner.kind}`} role="alert" data-testid="banner">
      <span className="banner__text">
        {banner.text}
        {edited && ` (${banner.action!.label} is no longer offered: the text was edited since, and those edits would be lost.)`}
      </span>
      {banner.action && !edited && (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            useLab.setState({ banner: null });
            banner.action!.run();
          }}
        >
          {banner.action.label}
        </button>
      )}
      <button type="button" className="btn btn--small" onClick={() => useLab.setState({ banner: null })} aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}

export function Toast() {
  const toast = useLab((s) => s.toast);
  return (
    <div className="toast-region" aria-live="polite">
      {toast && (
        <div className="toast" data-testid="toast">
          {toast}
        </div>
      )}
    </div>
  );
}
