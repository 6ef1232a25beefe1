package org.emoscope.app;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.Assets;
import org.emoscope.app.view.AttentionPage;
import org.emoscope.app.view.FilesPage;
import org.emoscope.app.view.LivePage;
import org.emoscope.app.view.ModelPage;
import org.emoscope.app.view.NotificationBar;
import org.emoscope.app.view.Page;
import org.emoscope.app.view.PageStack;
import org.emoscope.app.view.Sidebar;
import org.emoscope.app.view.Ui;
import org.emoscope.app.view.chart.ChartTheme;
import org.emoscope.app.viewmodel.FileItem;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The main window, wired together: the sidebar, the notification banners and the pages, with the window-wide
 * {@link Shortcuts}, {@link DragAndDrop} and {@link WindowDialogs}. Owns no state of its own beyond the views: that
 * lives in {@link ViewModels}.
 */
public final class MainWindow {

    private final AppContext ctx;
    private final ViewModels vms;
    private final WindowDialogs dialogs;
    private final Scene scene;
    private final Map<PageId, Page> pages = new EnumMap<>(PageId.class);
    /** The window's size when the screen has room for it. */
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 820;
    static final double MIN_WIDTH = 960;
    static final double MIN_HEIGHT = 600;

    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        this.vms = new ViewModels(ctx);
        this.dialogs = new WindowDialogs(ctx, vms, this::owner);
        ObjectBinding<ChartTheme> theme = Bindings.createObjectBinding(() -> ChartTheme.of(vms.shell.dark().get()),
                vms.shell.dark());
        add(new LivePage(vms.live, theme, vms.model.untrained()));
        add(new FilesPage(vms.files, theme, new FilesPage.Actions() {
            @Override
            public void open() {
                dialogs.openFiles();
            }

            @Override
            public void export() {
                dialogs.export();
            }

            @Override
            public void saveImage() {
                dialogs.saveImage(pages.get(PageId.FILES), "emoscope-file.png");
            }
        }, Ui.icon(96)));
        add(new AttentionPage(vms.attention, theme,
                () -> dialogs.saveImage(pages.get(PageId.ATTENTION), "emoscope-attention.png")));
        add(new ModelPage(vms.model, dialogs::loadModel));

        PageStack stack = new PageStack(pages.values(), vms.shell.page());
        VBox.setVgrow(stack, Priority.ALWAYS);
        NotificationBar banners = new NotificationBar(vms.notifications);
        VBox.setMargin(banners, new Insets(12, 20, 0, 20));
        BorderPane frame = new BorderPane(new VBox(banners, stack));
        frame.setLeft(new Sidebar(vms.shell, vms.model, Shortcuts::pageKey));
        StackPane root = new StackPane(frame);
        root.getStyleClass().add("app-root");
        scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        applyTheme();
        vms.shell.dark().addListener(o -> applyTheme());
        Shortcuts.install(scene, vms, dialogs);
        DragAndDrop.install(scene, root, vms::analyze);
    }

    private void add(Page page) {
        pages.put(page.id(), page);
    }

    private Window owner() {
        return scene.getWindow();
    }

    /** Puts the window on {@code stage}, shows it, and starts loading the model and listing microphones. */
    public void show(Stage stage) {
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(this::title, vms.shell.page(), vms.files.selected()));
        for (int size : new int[]{16, 32, 48, 64, 128, 256})
            Assets.url("icons/emoscope-" + size + ".png").ifPresent(u -> stage.getIcons().add(new Image(u)));
        fitToScreen(stage);
        stage.setOnHidden(e -> vms.shutdown());
        stage.show();
        start();
    }

    /**
     * Sizes the window to fit the screen it opens on: the default size, or the size set before, made no larger
     * than the screen's visible area (without panels and docks), and placed inside it. A 1366x768 screen would
     * otherwise get a window taller than itself, its title bar and bottom out of reach.
     */
    private static void fitToScreen(Stage stage) {
        Rectangle2D visible = screenOf(stage).getVisualBounds();
        double[] size = fit(Double.isNaN(stage.getWidth()) ? DEFAULT_WIDTH : stage.getWidth(),
                Double.isNaN(stage.getHeight()) ? DEFAULT_HEIGHT : stage.getHeight(), visible);
        stage.setMinWidth(Math.min(MIN_WIDTH, visible.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, visible.getHeight()));
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
        if (Double.isNaN(stage.getX()) || Double.isNaN(stage.getY())) {
            stage.setX(visible.getMinX() + (visible.getWidth() - size[0]) / 2);
            stage.setY(visible.getMinY() + (visible.getHeight() - size[1]) / 2);
        }
    }

    /** {@code width} x {@code height}, each no larger than the visible area. */
    static double[] fit(double width, double height, Rectangle2D visible) {
        return new double[]{Math.min(width, visible.getWidth()), Math.min(height, visible.getHeight())};
    }

    private static Screen screenOf(Stage stage) {
        if (!Double.isNaN(stage.getX()) && !Double.isNaN(stage.getY())) {
            List<Screen> at = Screen.getScreensForRectangle(stage.getX(), stage.getY(), 1, 1);
            if (!at.isEmpty()) return at.get(0);
        }
        return Screen.getPrimary();
    }

    /** Starts the background work: the model load and the first microphone listing. */
    public void start() {
        vms.live.refreshDevices();
        vms.model.load(ctx.modelLocation());
    }

    private String title() {
        PageId p = vms.shell.page().get();
        FileItem f = vms.files.selected().get();
        String detail = p == PageId.FILES && f != null ? " — " + f.name() : "";
        return "EmoScope — " + p.title() + detail;
    }

    private void applyTheme() {
        scene.getStylesheets().clear();
        Assets.url("themes/base.css").ifPresent(scene.getStylesheets()::add);
        Assets.url(vms.shell.dark().get() ? "themes/dark.css" : "themes/light.css")
                .ifPresent(scene.getStylesheets()::add);
    }

    public Scene scene() {
        return scene;
    }

    public ViewModels viewModels() {
        return vms;
    }

    public WindowDialogs dialogs() {
        return dialogs;
    }
}
