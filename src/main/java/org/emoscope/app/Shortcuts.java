package org.emoscope.app;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.emoscope.app.bus.PageId;

import java.util.EnumMap;
import java.util.Map;

/**
 * The window's keys: Ctrl+O opens files, Ctrl+E exports, Ctrl+1 to Ctrl+4 show the pages, Space starts and stops
 * listening, Left and Right step through the windows on the Attention page. Space, Left and Right are left to a
 * text field that has the focus.
 */
final class Shortcuts {

    /** The digit that, with Ctrl (Cmd on macOS), shows each page. */
    private static final Map<PageId, KeyCode> PAGE_KEYS = new EnumMap<>(Map.of(PageId.LIVE, KeyCode.DIGIT1,
            PageId.FILES, KeyCode.DIGIT2, PageId.ATTENTION, KeyCode.DIGIT3, PageId.MODEL, KeyCode.DIGIT4));

    private Shortcuts() {
    }

    /** The key that shows {@code page}, as its tooltip says it: "Ctrl+1". */
    static String pageKey(PageId page) {
        return "Ctrl+" + PAGE_KEYS.get(page).getName();
    }

    static void install(Scene scene, ViewModels vms, WindowDialogs dialogs) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                dialogs::openFiles);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), dialogs::export);
        PAGE_KEYS.forEach((page, key) -> scene.getAccelerators().put(
                new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN), () -> vms.shell.selectPage(page)));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || scene.getFocusOwner() instanceof TextInputControl) return;
            boolean attention = vms.shell.page().get() == PageId.ATTENTION;
            if (e.getCode() == KeyCode.SPACE) {
                vms.live.toggle();
                e.consume();
            } else if (attention && e.getCode() == KeyCode.RIGHT) {
                vms.attention.next();
                e.consume();
            } else if (attention && e.getCode() == KeyCode.LEFT) {
                vms.attention.previous();
                e.consume();
            }
        });
        // the space bar must not also press the focused button when it is released
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(scene.getFocusOwner() instanceof TextInputControl)) e.consume();
        });
    }
}
