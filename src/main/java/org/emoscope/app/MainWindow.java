package org.emoscope.app;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.Assets;
import org.emoscope.app.service.Snapshots;
import org.emoscope.app.view.AttentionPage;
import org.emoscope.app.view.FilesPage;
import org.emoscope.app.view.LivePage;
import org.emoscope.app.view.ModelPage;
import org.emoscope.app.view.NotificationBar;
import org.emoscope.app.view.Ui;
import org.emoscope.app.view.chart.ChartTheme;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.app.viewmodel.ModelViewModel;

import java.io.File;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The main window: a sidebar to switch pages, the notification banners, the pages, window-wide shortcuts and
 * drag-and-drop. Owns no state of its own beyond the views: that lives in {@link ViewModels}.
 */
public final class MainWindow {

    private final AppContext ctx;
    private final ViewModels vms;
    private final Scene scene;
    private final Map<PageId, Parent> pages = new EnumMap<>(PageId.class);
    private final LivePage livePage;
    private final FilesPage filesPage;
    private final AttentionPage attentionPage;
    private final StackPane dropOverlay;
    /** The window's size when the screen has room for it. */
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 820;
    static final double MIN_WIDTH = 960;
    static final double MIN_HEIGHT = 600;

    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        this.vms = new ViewModels(ctx);
        ObjectBinding<ChartTheme> theme = Bindings.createObjectBinding(() -> ChartTheme.of(vms.shell.dark().get()),
                vms.shell.dark());
        livePage = new LivePage(vms.live, theme, vms.model.untrained());
        filesPage = new FilesPage(vms.files, theme, new FilesPage.Actions() {
            @Override
            public void open() {
                openFiles();
            }

            @Override
            public void export() {
                MainWindow.this.export();
            }

            @Override
            public void saveImage() {
                MainWindow.this.saveImage(filesPage.snapshotNode(), "emoscope-file.png");
            }
        }, icon(96));
        attentionPage = new AttentionPage(vms.attention, theme,
                this::saveAttentionImage);
        ModelPage modelPage = new ModelPage(vms.model, this::loadModel);
        pages.put(PageId.LIVE, scrolling(livePage.root()));
        pages.put(PageId.FILES, scrolling(filesPage.root()));
        pages.put(PageId.ATTENTION, scrolling(attentionPage.root()));
        pages.put(PageId.MODEL, scrolling(modelPage.root()));

        StackPane stack = new StackPane(pages.values().toArray(Node[]::new));
        stack.getStyleClass().add("page-stack");
        VBox.setVgrow(stack, Priority.ALWAYS);
        NotificationBar banners = new NotificationBar(vms.notifications);
        VBox.setMargin(banners, new Insets(12, 20, 0, 20));
        VBox center = new VBox(banners, stack);
        BorderPane frame = new BorderPane(center);
        frame.setLeft(sidebar());
        dropOverlay = dropOverlay();
        StackPane root = new StackPane(frame, dropOverlay);
        root.getStyleClass().add("app-root");
        scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        vms.shell.page().addListener((o, a, b) -> showPage(b));
        showPage(vms.shell.page().get());
        applyTheme();
        vms.shell.dark().addListener(o -> applyTheme());
        installShortcuts();
        installDragAndDrop();
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

    /**
     * A page that scrolls when the window is shorter (or narrower) than the page's smallest readable size; above
     * that it fills the window and its charts take the room.
     */
    private static ScrollPane scrolling(Region page) {
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setFocusTraversable(false);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
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

    private Node sidebar() {
        Label name = new Label("EmoScope");
        name.getStyleClass().add("app-name");
        Label tag = new Label("emotion in speech");
        tag.getStyleClass().add("app-tagline");
        HBox brand = new HBox(10, icon(40), new VBox(0, name, tag));
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        String[] keys = {"Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"};
        for (PageId p : PageId.values()) {
            ToggleButton b = new ToggleButton(p.title());
            b.setId("nav-" + p.name().toLowerCase());
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setToggleGroup(group);
            b.setUserData(p);
            b.setTooltip(new javafx.scene.control.Tooltip(keys[p.ordinal()]));
            b.setOnAction(e -> {
                vms.shell.selectPage(p);
                b.setSelected(true);
            });
            nav.getChildren().add(b);
        }
        Runnable sync = () -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == vms.shell.page().get()));
        vms.shell.page().addListener(o -> sync.run());
        sync.run();

        Label model = new Label();
        model.setId("sidebar-model");
        model.setWrapText(true);
        model.getStyleClass().add("sidebar-model");
        model.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vms.model.state().get() == ModelViewModel.State.LOADING) return vms.model.loading().get();
            if (vms.model.path().get() == null) return "No model loaded";
            return "Model: " + vms.model.path().get().getFileName();
        }, vms.model.state(), vms.model.loading(), vms.model.path()));
        Label untrained = new Label("untrained");
        untrained.getStyleClass().add("chip-warning");
        untrained.visibleProperty().bind(vms.model.untrained());
        untrained.managedProperty().bind(untrained.visibleProperty());
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setId("theme-toggle");
        dark.getStyleClass().add("theme-toggle");
        dark.setSelected(vms.shell.dark().get());
        dark.selectedProperty().addListener((o, was, on) -> vms.shell.setDark(on));
        vms.shell.dark().addListener((o, was, on) -> dark.setSelected(on));
        dark.setMaxWidth(Double.MAX_VALUE);
        Label keysHelp = new Label("Space  start / stop\nCtrl+O  open files\nCtrl+E  export timeline");
        keysHelp.getStyleClass().add("keys-help");
        VBox side = new VBox(18, brand, nav, Ui.spacerV(), new VBox(6, model, untrained), keysHelp, dark);
        side.getStyleClass().add("sidebar");
        side.setPrefWidth(200);
        side.setMinWidth(200);
        return side;
    }

    private StackPane dropOverlay() {
        Label l = new Label("Drop audio files to analyse them");
        l.getStyleClass().add("drop-overlay-text");
        StackPane p = new StackPane(l);
        p.getStyleClass().add("drop-overlay");
        p.setVisible(false);
        p.setMouseTransparent(true);
        return p;
    }

    private ImageView icon(int size) {
        ImageView v = new ImageView();
        Assets.url("icons/emoscope-" + (size > 64 ? 128 : 64) + ".png").ifPresent(u -> v.setImage(new Image(u)));
        v.setFitWidth(size);
        v.setFitHeight(size);
        v.setSmooth(true);
        return v;
    }

    private void showPage(PageId page) {
        pages.forEach((id, node) -> node.setVisible(id == page));
    }

    private void applyTheme() {
        scene.getStylesheets().clear();
        Assets.url("themes/base.css").ifPresent(scene.getStylesheets()::add);
        Assets.url(vms.shell.dark().get() ? "themes/dark.css" : "themes/light.css")
                .ifPresent(scene.getStylesheets()::add);
    }

    private void installShortcuts() {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openFiles);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::export);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4};
        for (PageId p : PageId.values())
            scene.getAccelerators().put(new KeyCodeCombination(digits[p.ordinal()], KeyCombination.SHORTCUT_DOWN),
                    () -> vms.shell.selectPage(p));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || scene.getFocusOwner() instanceof TextInputControl) return;
            if (e.getCode() == KeyCode.SPACE) {
                vms.live.toggle();
                e.consume();
            } else if (vms.shell.page().get() == PageId.ATTENTION && e.getCode() == KeyCode.RIGHT) {
                vms.attention.next();
                e.consume();
            } else if (vms.shell.page().get() == PageId.ATTENTION && e.getCode() == KeyCode.LEFT) {
                vms.attention.previous();
                e.consume();
            }
        });
        // the space bar must not also press the focused button when it is released
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(scene.getFocusOwner() instanceof TextInputControl)) e.consume();
        });
    }

    private void installDragAndDrop() {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                dropOverlay.setVisible(true);
            }
            e.consume();
        });
        scene.setOnDragExited(e -> dropOverlay.setVisible(false));
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            dropOverlay.setVisible(false);
            boolean ok = e.getDragboard().hasFiles();
            if (ok) dropFiles(e.getDragboard().getFiles());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** What a drop does: analyse the files and show the Files page. */
    public void dropFiles(List<File> files) {
        if (files.isEmpty()) return;
        vms.files.addFiles(files);
        vms.shell.selectPage(PageId.FILES);
    }

    /** Ctrl+O. */
    public void openFiles() {
        List<File> files = ctx.dialogs().openAudio(scene.getWindow(), ctx.settings().lastFolder());
        dropFiles(files);
    }

    /**
     * Ctrl+E: every analysed file's timeline, as CSV or JSON (with every speech window explained), written in the
     * background; the Files page shows its progress.
     */
    public void export() {
        if (vms.files.analyzed().isEmpty()) {
            ctx.bus().publish(new Events.InfoRaised("Nothing to export yet: drop or open audio files first."));
            return;
        }
        File f = ctx.dialogs().save(scene.getWindow(), "Export timeline", ctx.settings().lastFolder(),
                "emoscope-timeline.csv", List.of(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                        new FileChooser.ExtensionFilter("JSON", "*.json"),
                        new FileChooser.ExtensionFilter("JSON Lines (as emoscope analyze)", "*.jsonl")));
        if (f != null) vms.files.export(f.toPath());
    }

    private void saveImage(Node node, String suggested) {
        File f = ctx.dialogs().save(scene.getWindow(), "Save image", ctx.settings().lastFolder(), suggested,
                List.of(new FileChooser.ExtensionFilter("PNG image", "*.png")));
        if (f == null) return;
        try {
            Snapshots.save(node, f);
            ctx.settings().lastFolder(f);
            ctx.bus().publish(new Events.InfoRaised("Saved " + f));
        } catch (IOException e) {
            ctx.bus().publish(new Events.ErrorRaised("Image not saved", f + ": " + e.getMessage()));
        }
    }

    private void saveAttentionImage() {
        saveImage(attentionPage.snapshotNode(), "emoscope-attention.png");
    }

    private void loadModel() {
        File f = ctx.dialogs().openModel(scene.getWindow(), ctx.settings().lastFolder());
        if (f != null) vms.model.load(f.toPath());
    }

    public Scene scene() {
        return scene;
    }

    public ViewModels viewModels() {
        return vms;
    }

    public LivePage livePage() {
        return livePage;
    }

    public FilesPage filesPage() {
        return filesPage;
    }

    public AttentionPage attentionPage() {
        return attentionPage;
    }
}
