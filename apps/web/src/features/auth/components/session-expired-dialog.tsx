import type { SessionInfo } from "@addnet/contracts";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import {
  isReauthenticationPending,
  reauthenticated,
  reauthenticationAbandoned,
  subscribeReauthentication,
} from "../../../lib/session-expiry.ts";
import { LoginForm } from "./login-form.tsx";

export interface SessionExpiredDialogProps {
  /** Who was signed in, to fill in the user name. */
  username?: string | undefined;
  /** The principal whose session ended: only they get what waited. */
  principal?: string | undefined;
  /** Someone else signed in: leave the previous user's pages; settles once they have gone. */
  onOtherUser: (info: SessionInfo) => Promise<void>;
  onSignOut: () => void;
}

/**
 * Shown over the page when vCenter ended the session. The page underneath stays mounted, so everything typed is
 * kept; the requests that failed are retried after signing in.
 */
export function SessionExpiredDialog({ username, principal, onOtherUser, onSignOut }: SessionExpiredDialogProps) {
  const { t } = useTranslation();
  const open = useSyncExternalStore(subscribeReauthentication, isReauthenticationPending, () => false);
  if (!open) return null;
  return (
    <Modal
      title={t("auth.sessionExpired.title")}
      role="alertdialog"
      footer={
        <Button
          variant="link"
          onClick={() => {
            reauthenticationAbandoned();
            onSignOut();
          }}
        >
          {t("auth.signOut")}
        </Button>
      }
    >
      <p>{t("auth.sessionExpired.body")}</p>
      <LoginForm
        defaultUsername={username}
        onSuccess={(info) => {
          // Nothing one user prepared ever runs as another: once the previous user's pages have gone, what they
          // left waiting fails, unsent.
          if (principal !== undefined && info.user.name !== principal) {
            void onOtherUser(info).finally(reauthenticationAbandoned);
            return;
          }
          reauthenticated();
        }}
      />
    </Modal>
  );
}
